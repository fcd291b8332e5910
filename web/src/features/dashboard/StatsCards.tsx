// Bill counts per status, revenue and outstanding amounts.
import { StatCard } from "@/components/StatCard";
import { formatMoney } from "@/lib/money";
import type { BillStats } from "./api";

export function StatsCards({ stats }: { stats: BillStats }) {
  return (
    <div className="stats" aria-live="polite">
      <StatCard label="Revenue (paid)" value={formatMoney(stats.revenue)} tone="success" />
      <StatCard label="Outstanding" value={formatMoney(stats.outstanding)} tone="warning" />
      <StatCard label="Overdue bills" value={stats.overdue} tone={stats.overdue > 0 ? "danger" : "neutral"} />
      <StatCard label="Pending" value={stats.counts.pending} tone="info" />
      <StatCard label="Partly paid" value={stats.counts.partially_paid} tone="warning" />
      <StatCard label="Paid" value={stats.counts.paid} tone="success" />
      <StatCard label="Cancelled" value={stats.counts.cancelled} />
    </div>
  );
}
