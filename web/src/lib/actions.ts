// The shop's actions as plain data, so one can be sent now or queued while offline and sent
// later with the same idempotency key. `sendAction` is the only place that maps them to calls.
import {
  api,
  type CreateBillBody,
  type CreateProductBody,
  type PaymentBody,
  type StockAdjustmentBody,
  type UpdateProductBody,
} from "./api";

export type Action =
  | { kind: "createBill"; body: CreateBillBody }
  | { kind: "recordPayment"; billId: string; billNumber: string; body: PaymentBody }
  | { kind: "cancelBill"; billId: string; billNumber: string; reason: string }
  | { kind: "adjustStock"; productName: string; body: StockAdjustmentBody }
  | { kind: "createProduct"; body: CreateProductBody }
  | { kind: "updateProduct"; id: string; body: UpdateProductBody };

export function sendAction(action: Action): Promise<unknown> {
  switch (action.kind) {
    case "createBill":
      return api.createBill(action.body);
    case "recordPayment":
      return api.recordPayment(action.billId, action.body);
    case "cancelBill":
      return api.cancelBill(action.billId, action.reason);
    case "adjustStock":
      return api.adjustStock(action.body);
    case "createProduct":
      return api.createProduct(action.body);
    case "updateProduct":
      return api.updateProduct(action.id, action.body);
  }
}

/** A short description for toasts and the queue list. */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case "createBill":
      return `New bill (${action.body.items.length} line${action.body.items.length === 1 ? "" : "s"})`;
    case "recordPayment":
      return `Payment on ${action.billNumber}`;
    case "cancelBill":
      return `Cancel ${action.billNumber}`;
    case "adjustStock":
      return `${action.body.kind === "restock" ? "Restock" : "Adjust"} ${action.productName} (${action.body.delta > 0 ? "+" : ""}${action.body.delta})`;
    case "createProduct":
      return `New product ${action.body.name}`;
    case "updateProduct":
      return "Product update";
  }
}
