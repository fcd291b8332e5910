// Customer: my bills, live (a payment made by the admin shows within a blink), the
// outstanding total and overdue marking. Admins can preview a customer's view with ?as=ID.
import { getRouteApi } from "@tanstack/react-router";
import { PageHeader } from "@/components/PageHeader";
import { QueryState } from "@/components/QueryState";
import { useMe } from "@/features/auth/api";
import { useRealtimeSync } from "@/features/realtime";
import { useNow } from "@/hooks/useNow";
import { useCustomerBills } from "./api";
import { BillsTable } from "./BillsTable";
import { OutstandingSummary } from "./OutstandingSummary";

const route = getRouteApi("/customer/bills");

export function CustomerBillsPage() {
  const { as, embed } = route.useSearch();
  // Inside the live demo's iframe the admin's own window already shows the toasts.
  useRealtimeSync({ documentTypes: ["bill", "shopEvent"], enableNotifications: embed !== "1" });
  const me = useMe();
  const customerId = me.data?.role === "admin" && as ? as : me.data?._id;
  const bills = useCustomerBills(customerId);
  const now = useNow();
  const all = bills.data ?? [];
  const previewing = me.data?.role === "admin";
  return (
    <>
      <PageHeader title="My bills" subtitle={previewing ? (as ? "Preview of a customer's view" : "Choose a customer to preview (?as=ID)") : `Signed in as ${me.data?.name ?? ""}`} />
      <OutstandingSummary bills={all} now={now} />
      <QueryState isPending={bills.isPending && Boolean(customerId)} error={bills.error} isEmpty={all.length === 0} empty="No bills yet." onRetry={() => void bills.refetch()}>
        <BillsTable bills={all} now={now} caption="My bills, newest first" />
      </QueryState>
    </>
  );
}
