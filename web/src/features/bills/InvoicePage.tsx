// One bill as a printable invoice (print stylesheet hides the app chrome), live like the rest.
import { getRouteApi, Link } from "@tanstack/react-router";
import { Money } from "@/components/Money";
import { QueryState } from "@/components/QueryState";
import { formatDate, formatDateTime } from "@/lib/dates";
import { useRealtimeSync } from "@/features/realtime";
import { useNow } from "@/hooks/useNow";
import { useBill } from "./api";
import { BillActions } from "./BillActions";
import { BillStatusBadge } from "./BillStatusBadge";
import { daysOverdue, outstanding } from "./model";

const route = getRouteApi("/admin/bills/$id");

function percent(basisPoints: number | undefined): string {
  return `${((basisPoints ?? 0) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

export function InvoicePage() {
  useRealtimeSync({ documentTypes: ["bill", "user"] });
  const { id } = route.useParams();
  const bill = useBill(id);
  const now = useNow();
  const b = bill.data;
  return (
    <QueryState isPending={bill.isPending} error={bill.error} isEmpty={!b} empty="No such bill." onRetry={() => void bill.refetch()}>
      {b && (
        <article className="invoice">
          <div className="invoice__toolbar no-print">
            <Link to="/admin/bills">← All bills</Link>
            <div className="row-actions">
              <button type="button" className="button" onClick={() => window.print()}>
                Print
              </button>
              <BillActions bill={{ ...b, customerName: b.customerDoc?.name ?? null }} showInvoiceLink={false} />
            </div>
          </div>
          <header className="invoice__header">
            <div>
              <h1>Invoice {b.billNumber}</h1>
              <BillStatusBadge status={b.status} daysOverdue={daysOverdue(b, now)} />
            </div>
            <dl className="invoice__meta">
              <dt>Billed to</dt>
              <dd>
                {b.customerDoc?.name ?? "—"}
                <br />
                {b.customerDoc?.email}
              </dd>
              <dt>Issued</dt>
              <dd>{formatDate(b._createdAt)}</dd>
              <dt>Due</dt>
              <dd>{formatDate(b.dueDate)}</dd>
            </dl>
          </header>
          <table className="table invoice__lines">
            <caption className="sr-only">Lines</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">Qty</th>
                <th scope="col" className="num">Unit price</th>
                <th scope="col" className="num">Discount</th>
                <th scope="col" className="num">Line total</th>
              </tr>
            </thead>
            <tbody>
              {b.items.map((item) => (
                <tr key={item._key}>
                  <th scope="row">
                    {item.name} <span className="muted">{item.sku}</span>
                  </th>
                  <td className="num">{item.quantity}</td>
                  <td className="num"><Money minor={item.unitPrice} currency={b.currency} /></td>
                  <td className="num">{item.discountRate ? percent(item.discountRate) : "—"}</td>
                  <td className="num"><Money minor={item.lineTotal} currency={b.currency} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>Subtotal</th>
                <td className="num"><Money minor={b.subtotal} currency={b.currency} /></td>
              </tr>
              <tr>
                <th scope="row" colSpan={4}>Tax ({percent(b.taxRate)})</th>
                <td className="num"><Money minor={b.tax} currency={b.currency} /></td>
              </tr>
              <tr className="invoice__total">
                <th scope="row" colSpan={4}>Total</th>
                <td className="num"><Money minor={b.total} currency={b.currency} /></td>
              </tr>
              <tr>
                <th scope="row" colSpan={4}>Paid</th>
                <td className="num"><Money minor={b.amountPaid} currency={b.currency} /></td>
              </tr>
              <tr className="invoice__total">
                <th scope="row" colSpan={4}>Outstanding</th>
                <td className="num"><Money minor={outstanding(b)} currency={b.currency} /></td>
              </tr>
            </tfoot>
          </table>
          {(b.payments?.length ?? 0) > 0 && (
            <section>
              <h2>Payments</h2>
              <ul className="payments">
                {b.payments?.map((p) => (
                  <li key={p._key}>
                    {formatDateTime(p.paidAt)} — <Money minor={p.amount} currency={b.currency} /> ({p.method.replace("_", " ")})
                  </li>
                ))}
              </ul>
            </section>
          )}
          {b.status === "cancelled" && (
            <p className="alert alert--neutral">
              Cancelled {formatDateTime(b.cancelledAt)}
              {b.cancelReason ? `: ${b.cancelReason}` : ""}
            </p>
          )}
        </article>
      )}
    </QueryState>
  );
}
