// The admin's actions on one bill row: open, record a payment, cancel.
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { CancelBillDialog } from "./CancelBillDialog";
import { canCancel, canRecordPayment, type BillSummary } from "./model";
import { PaymentDialog } from "./PaymentDialog";

export function BillActions({ bill, showInvoiceLink = true }: { bill: BillSummary; showInvoiceLink?: boolean }) {
  const [dialog, setDialog] = useState<"pay" | "cancel" | null>(null);
  return (
    <div className="row-actions">
      {showInvoiceLink && (
        <Link to="/admin/bills/$id" params={{ id: bill._id }} className="button button--small button--ghost">
          Invoice<span className="sr-only"> {bill.billNumber}</span>
        </Link>
      )}
      {canRecordPayment(bill) && (
        <button type="button" className="button button--small" onClick={() => setDialog("pay")}>
          Pay<span className="sr-only"> {bill.billNumber}</span>
        </button>
      )}
      {canCancel(bill) && (
        <button type="button" className="button button--small button--ghost" onClick={() => setDialog("cancel")}>
          Cancel<span className="sr-only"> {bill.billNumber}</span>
        </button>
      )}
      {dialog === "pay" && <PaymentDialog bill={bill} open onOpenChange={(open) => !open && setDialog(null)} />}
      {dialog === "cancel" && <CancelBillDialog bill={bill} open onOpenChange={(open) => !open && setDialog(null)} />}
    </div>
  );
}
