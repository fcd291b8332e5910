// The store's document shapes (see the domain spec). Money fields are integer minor units.
export interface Reference {
  _type?: "reference";
  _ref: string;
}

export interface SystemFields {
  _id: string;
  _type: string;
  _rev: string;
  _createdAt: string;
  _updatedAt: string;
}

export type Role = "admin" | "customer";

export interface User extends SystemFields {
  _type: "user";
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

export interface Product extends SystemFields {
  _type: "product";
  name: string;
  sku: string;
  category: string;
  description?: string;
  price: number;
  stock: number;
  lowStockThreshold: number;
  active: boolean;
  currency?: string;
}

export type StockKind = "restock" | "sale" | "adjustment" | "cancellation";

export interface StockTransaction extends SystemFields {
  _type: "stockTransaction";
  product: Reference;
  kind: StockKind;
  quantity: number;
  stockBefore: number;
  stockAfter: number;
  bill?: Reference;
  reason?: string;
  actor?: Reference;
}

export type BillStatus = "pending" | "partially_paid" | "paid" | "cancelled";
export type PaymentMethod = "cash" | "card" | "bank_transfer" | "other";

export interface BillItem {
  _key: string;
  product: Reference;
  name: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  discountRate?: number;
  lineTotal: number;
}

export interface Payment {
  _key: string;
  amount: number;
  method: PaymentMethod;
  paidAt: string;
  idempotencyKey?: string;
}

export interface Bill extends SystemFields {
  _type: "bill";
  billNumber: string;
  customer: Reference;
  items: BillItem[];
  subtotal: number;
  taxRate: number;
  tax: number;
  total: number;
  amountPaid: number;
  currency: string;
  status: BillStatus;
  dueDate: string;
  payments?: Payment[];
  idempotencyKey?: string;
  cancelledAt?: string;
  cancelReason?: string;
}

export type ShopEventKind =
  | "bill.created"
  | "payment.recorded"
  | "bill.cancelled"
  | "stock.restocked"
  | "stock.adjusted"
  | "stock.low"
  | "stock.out"
  | "product.created";

export interface ShopEvent extends SystemFields {
  _type: "shopEvent";
  kind: ShopEventKind;
  subjects?: Reference[];
  actor?: Reference;
  message: string;
}

export type AnyDocument = User | Product | StockTransaction | Bill | ShopEvent;

/** The document types the web app reads and listens to. */
export const DOCUMENT_TYPES = ["bill", "product", "shopEvent", "stockTransaction", "user"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
