// Stock rules as the panels show them: low/out-of-stock levels and ledger totals per product.
import type { Product, StockKind } from "@/lib/types";

export type ProductRow = Pick<
  Product,
  "_id" | "name" | "sku" | "category" | "price" | "stock" | "lowStockThreshold" | "active" | "currency"
>;

export type StockLevel = "out" | "low" | "ok";

export function stockLevel(product: Pick<Product, "stock" | "lowStockThreshold">): StockLevel {
  if (product.stock <= 0) return "out";
  return product.stock <= product.lowStockThreshold ? "low" : "ok";
}

/** Active products that are out of stock or at/below their threshold, emptiest first. */
export function stockAlerts(products: readonly ProductRow[]): ProductRow[] {
  return products
    .filter((p) => p.active && stockLevel(p) !== "ok")
    .sort((a, b) => a.stock - a.lowStockThreshold - (b.stock - b.lowStockThreshold));
}

export interface LedgerRow {
  _id: string;
  _createdAt: string;
  kind: StockKind;
  quantity: number;
  stockBefore: number;
  stockAfter: number;
  reason?: string;
  productId: string;
  productName: string | null;
  actorName: string | null;
  billNumber: string | null;
}

export interface ProductTotals {
  productId: string;
  productName: string;
  in: number;
  out: number;
  net: number;
  entries: number;
}

/** Units in and out per product over the given ledger rows. */
export function totalsPerProduct(rows: readonly LedgerRow[]): ProductTotals[] {
  const totals = new Map<string, ProductTotals>();
  for (const row of rows) {
    let t = totals.get(row.productId);
    if (!t) {
      t = { productId: row.productId, productName: row.productName ?? row.productId, in: 0, out: 0, net: 0, entries: 0 };
      totals.set(row.productId, t);
    }
    if (row.quantity > 0) t.in += row.quantity;
    else t.out -= row.quantity;
    t.net += row.quantity;
    t.entries += 1;
  }
  return [...totals.values()].sort((a, b) => a.productName.localeCompare(b.productName));
}

export const KIND_LABEL: Record<StockKind, string> = {
  restock: "Restock",
  sale: "Sale",
  adjustment: "Adjustment",
  cancellation: "Cancellation",
};
