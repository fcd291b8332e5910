// The slices of documents the demo scenarios need.
export type { BillSummary } from "@/features/bills";

export interface CustomerOptionLike {
  _id: string;
  name: string;
}

export interface ProductLike {
  _id: string;
  name: string;
  active: boolean;
  stock: number;
  lowStockThreshold: number;
}
