// Admin: customers, their open bills and outstanding amounts; preview a customer's own view.
import { Link } from "@tanstack/react-router";
import { Badge } from "@/components/Badge";
import { Money } from "@/components/Money";
import { PageHeader } from "@/components/PageHeader";
import { QueryState } from "@/components/QueryState";
import { LiveRow, useRealtimeSync } from "@/features/realtime";
import { useCustomers } from "./api";

export function CustomersPage() {
  useRealtimeSync({ documentTypes: ["user", "bill"] });
  const customers = useCustomers();
  const rows = customers.data ?? [];
  return (
    <>
      <PageHeader title="Customers" subtitle={`${rows.length} customers`} />
      <QueryState isPending={customers.isPending} error={customers.error} isEmpty={rows.length === 0} onRetry={() => void customers.refetch()}>
        <table className="table table--cards">
          <caption className="sr-only">Customers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col" className="num">Bills</th>
              <th scope="col" className="num">Open</th>
              <th scope="col" className="num">Outstanding</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <LiveRow key={c._id} id={c._id}>
                <th scope="row" data-label="Name">
                  {c.name} {!c.active && <Badge>Disabled</Badge>}
                </th>
                <td data-label="Email" className="break">{c.email}</td>
                <td data-label="Bills" className="num">{c.billCount}</td>
                <td data-label="Open" className="num">{c.openCount}</td>
                <td data-label="Outstanding" className="num">
                  <Money minor={c.outstanding} />
                </td>
                <td className="actions">
                  <Link to="/customer/bills" search={{ as: c._id, embed: undefined }} className="button button--small button--ghost">
                    View as customer<span className="sr-only"> {c.name}</span>
                  </Link>
                </td>
              </LiveRow>
            ))}
          </tbody>
        </table>
      </QueryState>
    </>
  );
}
