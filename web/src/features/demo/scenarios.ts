// Test data for the live demo: each scenario picks plausible inputs from what the shop has
// now and sends them through the real actions, so every panel sees ordinary events.
import type { Action } from "@/lib/actions";
import { newIdempotencyKey } from "@/lib/ids";
import type { BillSummary, CustomerOptionLike, ProductLike } from "./types";

function pick<T>(items: readonly T[]): T | undefined {
  return items[Math.floor(Math.random() * items.length)];
}

export function billAction(customers: readonly CustomerOptionLike[], products: readonly ProductLike[]): Action | string {
  const customer = pick(customers);
  const sellable = products.filter((p) => p.active && p.stock > 0);
  if (!customer) return "No customers to bill";
  if (sellable.length === 0) return "Nothing in stock to sell";
  const lines = new Map<string, number>();
  const count = 1 + Math.floor(Math.random() * 3);
  for (let i = 0; i < count; i += 1) {
    const product = pick(sellable);
    if (product) lines.set(product._id, Math.min(product.stock, (lines.get(product._id) ?? 0) + 1 + Math.floor(Math.random() * 2)));
  }
  return {
    kind: "createBill",
    body: {
      customerId: customer._id,
      items: [...lines].map(([productId, quantity]) => ({ productId, quantity })),
      idempotencyKey: newIdempotencyKey(),
    },
  };
}

export function paymentAction(bills: readonly BillSummary[]): Action | string {
  const open = bills.filter((b) => (b.status === "pending" || b.status === "partially_paid") && b.amountPaid < b.total);
  const bill = pick(open);
  if (!bill) return "No open bills to pay";
  const due = bill.total - bill.amountPaid;
  const amount = Math.random() < 0.5 ? due : Math.max(1, Math.round(due / 2));
  return {
    kind: "recordPayment",
    billId: bill._id,
    billNumber: bill.billNumber,
    body: { amount, method: "card", idempotencyKey: newIdempotencyKey() },
  };
}

export function restockAction(products: readonly ProductLike[]): Action | string {
  const low = products.filter((p) => p.active && p.stock <= p.lowStockThreshold);
  const product = pick(low.length > 0 ? low : products);
  if (!product) return "No products";
  return {
    kind: "adjustStock",
    productName: product.name,
    body: { productId: product._id, delta: Math.max(5, product.lowStockThreshold * 2), kind: "restock", reason: "Live demo restock" },
  };
}
