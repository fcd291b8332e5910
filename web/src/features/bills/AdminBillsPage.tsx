// Admin: every bill, newest first, live; create, pay, cancel; filter by status.
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { PageHeader } from "@/components/PageHeader";
import { paths } from "@/lib/api";
import { QueryState } from "@/components/QueryState";
import { useRealtimeSync } from "@/features/realtime";
import { useNow } from "@/hooks/useNow";
import { useAdminBills } from "./api";
import { BillActions } from "./BillActions";
import { BillsTable } from "./BillsTable";
import { CreateBillDialog } from "./CreateBillDialog";
import { isOverdue, STATUS_LABEL, type DisplayStatus } from "./model";
import { OutstandingSummary } from "./OutstandingSummary";

const FILTERS: (DisplayStatus | "all")[] = ["all", "pending", "partially_paid", "overdue", "paid", "cancelled"];

export function AdminBillsPage() {
  useRealtimeSync({ documentTypes: ["bill", "product", "user", "shopEvent"] });
  const bills = useAdminBills();
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState<DisplayStatus | "all">("all");
  const all = bills.data ?? [];
  const shown = all.filter((bill) =>
    filter === "all" ? true : filter === "overdue" ? isOverdue(bill, now) : bill.status === filter,
  );
  return (
    <>
      <PageHeader
        title="Bills"
        subtitle={`${all.length} bills`}
        actions={
          <>
            <a className="button" href={paths.billsCsv} download>
              Export CSV
            </a>
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              New bill
            </button>
          </>
        }
      />
      <OutstandingSummary bills={all} now={now} />
      <div className="filters" role="group" aria-label="Filter by status">
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`chip ${filter === f ? "chip--on" : ""}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {f === "all" ? "All" : STATUS_LABEL[f]}
          </button>
        ))}
      </div>
      <QueryState isPending={bills.isPending} error={bills.error} isEmpty={shown.length === 0} empty="No bills match." onRetry={() => void bills.refetch()}>
        <BillsTable
          bills={shown}
          now={now}
          showCustomer
          caption="Bills, newest first"
          renderNumber={(bill) => (
            <Link to="/admin/bills/$id" params={{ id: bill._id }}>
              {bill.billNumber}
            </Link>
          )}
          renderActions={(bill) => <BillActions bill={bill} />}
        />
      </QueryState>
      {creating && <CreateBillDialog open onOpenChange={setCreating} />}
    </>
  );
}
