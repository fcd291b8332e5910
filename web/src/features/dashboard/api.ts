// Dashboard reads. The figures are one GROQ query (counts and sums run in the store), keyed
// under bills so every bill event refreshes them; the activity feed reads shopEvents.
import { useQuery } from "@tanstack/react-query";
import { groq } from "@/lib/api";
import { queryKeys } from "@/lib/queryKeys";
import type { BillStatus, ShopEventKind } from "@/lib/types";
import type { PaymentPoint } from "./model";

export interface BillStats {
  counts: Record<BillStatus, number>;
  revenue: number;
  billed: number;
  outstanding: number;
  overdue: number;
}

export function useBillStats(nowIso: string) {
  return useQuery({
    queryKey: queryKeys.docs("bill", "stats", { nowIso }),
    queryFn: ({ signal }) =>
      groq<BillStats>(
        `{
          "counts": {
            "pending": count(*[_type == "bill" && status == "pending"]),
            "partially_paid": count(*[_type == "bill" && status == "partially_paid"]),
            "paid": count(*[_type == "bill" && status == "paid"]),
            "cancelled": count(*[_type == "bill" && status == "cancelled"])
          },
          "revenue": math::sum(*[_type == "bill" && status != "cancelled"].amountPaid),
          "billed": math::sum(*[_type == "bill" && status != "cancelled"].total),
          "outstanding": math::sum(*[_type == "bill" && status in ["pending", "partially_paid"]].total)
                       - math::sum(*[_type == "bill" && status in ["pending", "partially_paid"]].amountPaid),
          "overdue": count(*[_type == "bill" && status in ["pending", "partially_paid"] && dueDate < $now])
        }`,
        { now: nowIso },
        signal,
      ),
  });
}

export function useRecentPayments(sinceIso: string) {
  return useQuery({
    queryKey: queryKeys.docs("bill", "payments", { sinceIso }),
    queryFn: async ({ signal }) => {
      const bills = await groq<{ payments: PaymentPoint[] | null }[]>(
        `*[_type == "bill" && status != "cancelled" && count(payments[paidAt >= $since]) > 0]{"payments": payments[paidAt >= $since]{amount, paidAt}}`,
        { since: sinceIso },
        signal,
      );
      return bills.flatMap((b) => b.payments ?? []);
    },
  });
}

export interface ActivityItem {
  _id: string;
  _createdAt: string;
  kind: ShopEventKind;
  message: string;
}

export function useActivity(limit = 25) {
  return useQuery({
    queryKey: queryKeys.docs("shopEvent", "activity", { limit }),
    queryFn: ({ signal }) =>
      groq<ActivityItem[]>(`*[_type == "shopEvent"] | order(_createdAt desc) [0...$limit]{_id, _createdAt, kind, message}`, { limit }, signal),
  });
}
