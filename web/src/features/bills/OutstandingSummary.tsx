// "Outstanding: $1,234.00" per currency, plus how many bills are overdue.
import { formatMoney } from "@/lib/money";
import { isOverdue, outstandingTotals, type BillSummary } from "./model";

export function OutstandingSummary({ bills, now }: { bills: readonly BillSummary[]; now: number }) {
  const totals = [...outstandingTotals(bills)];
  const overdue = bills.filter((bill) => isOverdue(bill, now)).length;
  return (
    <div className="summary" aria-live="polite">
      <div>
        <span className="summary__label">Outstanding</span>
        <span className="summary__value">
          {totals.length === 0 ? formatMoney(0) : totals.map(([currency, minor]) => formatMoney(minor, currency)).join(" + ")}
        </span>
      </div>
      <div>
        <span className="summary__label">Overdue bills</span>
        <span className={`summary__value ${overdue > 0 ? "text-danger" : ""}`}>{overdue}</span>
      </div>
    </div>
  );
}
