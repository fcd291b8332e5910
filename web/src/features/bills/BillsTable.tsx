// Bills as a live table: new rows animate in with a "New" badge, changed rows flash, status in
// colour and words, overdue days. On phones each row becomes a card (see styles/tables.css).
import type { ReactNode } from "react";
import { Money } from "@/components/Money";
import { formatDate } from "@/lib/dates";
import { LiveRow, NewBadge } from "@/features/realtime";
import { BillStatusBadge } from "./BillStatusBadge";
import { daysOverdue, outstanding, type BillSummary } from "./model";

interface Props {
  bills: readonly BillSummary[];
  now: number;
  showCustomer?: boolean;
  caption: string;
  renderNumber?: (bill: BillSummary) => ReactNode;
  renderActions?: (bill: BillSummary) => ReactNode;
}

export function BillsTable({ bills, now, showCustomer = false, caption, renderNumber, renderActions }: Props) {
  return (
    <table className="table table--cards">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Bill</th>
          {showCustomer && <th scope="col">Customer</th>}
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Total
          </th>
          <th scope="col" className="num">
            Outstanding
          </th>
          <th scope="col">Due</th>
          {renderActions && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {bills.map((bill) => (
          <LiveRow key={bill._id} id={bill._id}>
            <th scope="row" data-label="Bill">
              {renderNumber ? renderNumber(bill) : bill.billNumber} <NewBadge id={bill._id} />
            </th>
            {showCustomer && <td data-label="Customer">{bill.customerName ?? "—"}</td>}
            <td data-label="Status">
              <BillStatusBadge status={bill.status} daysOverdue={daysOverdue(bill, now)} />
            </td>
            <td data-label="Total" className="num">
              <Money minor={bill.total} currency={bill.currency} />
            </td>
            <td data-label="Outstanding" className="num">
              <Money minor={outstanding(bill)} currency={bill.currency} />
            </td>
            <td data-label="Due">{formatDate(bill.dueDate)}</td>
            {renderActions && <td className="actions">{renderActions(bill)}</td>}
          </LiveRow>
        ))}
      </tbody>
    </table>
  );
}
