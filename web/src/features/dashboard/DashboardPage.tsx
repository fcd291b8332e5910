// Admin dashboard: live figures, newest bills, revenue and stock charts, stock alerts and
// the activity feed. Charts load lazily after the figures.
import { Link } from "@tanstack/react-router";
import { lazy, Suspense } from "react";
import { PageHeader } from "@/components/PageHeader";
import { QueryState } from "@/components/QueryState";
import { BillActions, BillsTable, useAdminBills } from "@/features/bills";
import { StockAlerts, useProducts } from "@/features/inventory";
import { useRealtimeSync } from "@/features/realtime";
import { useNow } from "@/hooks/useNow";
import { ActivityFeed } from "./ActivityFeed";
import { useActivity, useBillStats, useRecentPayments } from "./api";
import { revenuePerDay } from "./model";
import { StatsCards } from "./StatsCards";

const RevenueChart = lazy(() => import("./RevenueChart"));
const StockChart = lazy(() => import("./StockChart"));
const CHART_DAYS = 14;

export function DashboardPage() {
  useRealtimeSync();
  const now = useNow();
  const nowIso = new Date(now).toISOString();
  const sinceIso = new Date(now - CHART_DAYS * 86_400_000).toISOString().slice(0, 10);
  const stats = useBillStats(nowIso);
  const bills = useAdminBills();
  const products = useProducts();
  const payments = useRecentPayments(sinceIso);
  const activity = useActivity();

  return (
    <>
      <PageHeader title="Dashboard" subtitle="Everything on this page updates as it happens." />
      <QueryState isPending={stats.isPending} error={stats.error} onRetry={() => void stats.refetch()}>
        {stats.data && <StatsCards stats={stats.data} />}
      </QueryState>
      <div className="grid">
        <section className="panel panel--wide" aria-labelledby="latest-bills">
          <div className="panel__head">
            <h2 id="latest-bills">Latest bills</h2>
            <Link to="/admin/bills">All bills</Link>
          </div>
          <QueryState isPending={bills.isPending} error={bills.error} isEmpty={(bills.data ?? []).length === 0}>
            <BillsTable
              bills={(bills.data ?? []).slice(0, 8)}
              now={now}
              showCustomer
              caption="Latest bills"
              renderNumber={(bill) => (
                <Link to="/admin/bills/$id" params={{ id: bill._id }}>
                  {bill.billNumber}
                </Link>
              )}
              renderActions={(bill) => <BillActions bill={bill} />}
            />
          </QueryState>
        </section>
        <section className="panel" aria-labelledby="activity-title">
          <h2 id="activity-title">Activity</h2>
          <QueryState isPending={activity.isPending} error={activity.error}>
            <ActivityFeed items={activity.data ?? []} />
          </QueryState>
        </section>
        <section className="panel" aria-labelledby="revenue-title">
          <h2 id="revenue-title">Revenue per day</h2>
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            {payments.data && <RevenueChart data={revenuePerDay(payments.data, CHART_DAYS, now)} />}
          </Suspense>
        </section>
        <section className="panel" aria-labelledby="stock-alerts-title">
          <h2 id="stock-alerts-title">Stock alerts</h2>
          <StockAlerts products={products.data ?? []} limit={6} />
        </section>
        <section className="panel" aria-labelledby="stock-chart-title">
          <h2 id="stock-chart-title">Stock levels</h2>
          <Suspense fallback={<p className="muted">Loading chart…</p>}>
            {products.data && <StockChart products={products.data} />}
          </Suspense>
        </section>
      </div>
    </>
  );
}
