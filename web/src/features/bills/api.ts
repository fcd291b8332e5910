// Bill reads (GROQ projections per page) and actions (application API, queued when offline).
import { useMutation, useQuery } from "@tanstack/react-query";
import type { CreateBillBody } from "@/lib/api";
import { groq } from "@/lib/api";
import { newIdempotencyKey } from "@/lib/ids";
import { performAction } from "@/lib/offlineQueue";
import { queryKeys } from "@/lib/queryKeys";
import type { Bill, PaymentMethod, User } from "@/lib/types";
import type { BillSummary } from "./model";

const SUMMARY = `{_id, _createdAt, billNumber, status, total, amountPaid, currency, dueDate, "customerName": customer->name}`;

export function useAdminBills() {
  return useQuery({
    queryKey: queryKeys.docs("bill", "adminList"),
    queryFn: ({ signal }) => groq<BillSummary[]>(`*[_type == "bill"] | order(_createdAt desc) [0...300] ${SUMMARY}`, {}, signal),
  });
}

export function useCustomerBills(customerId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.docs("bill", "customerList", { customerId }),
    enabled: Boolean(customerId),
    queryFn: ({ signal }) =>
      groq<BillSummary[]>(
        `*[_type == "bill" && customer._ref == $customerId] | order(_createdAt desc) ${SUMMARY}`,
        { customerId },
        signal,
      ),
  });
}

export type BillDetail = Bill & { customerDoc: Pick<User, "_id" | "name" | "email"> | null };

export function useBill(id: string) {
  return useQuery({
    queryKey: queryKeys.docs("bill", "detail", { id }),
    queryFn: ({ signal }) =>
      groq<BillDetail | null>(`*[_type == "bill" && _id == $id][0]{..., "customerDoc": customer->{_id, name, email}}`, { id }, signal),
  });
}

export type CustomerOption = Pick<User, "_id" | "name" | "email">;

export function useCustomerOptions() {
  return useQuery({
    queryKey: queryKeys.docs("user", "customerOptions"),
    queryFn: ({ signal }) =>
      groq<CustomerOption[]>(`*[_type == "user" && role == "customer" && active != false] | order(name asc){_id, name, email}`, {}, signal),
  });
}

export function useCreateBill() {
  return useMutation({
    mutationFn: (body: CreateBillBody) => performAction<Bill>({ kind: "createBill", body }),
  });
}

/** Records a payment; the key identifies this one intent, so a retry never pays twice. */
export function useRecordPayment() {
  return useMutation({
    mutationFn: (input: { billId: string; billNumber: string; amount: number; method: PaymentMethod; idempotencyKey?: string }) =>
      performAction<Bill>({
        kind: "recordPayment",
        billId: input.billId,
        billNumber: input.billNumber,
        body: { amount: input.amount, method: input.method, idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() },
      }),
  });
}

export function useCancelBill() {
  return useMutation({
    mutationFn: (input: { billId: string; billNumber: string; reason: string }) =>
      performAction<Bill>({ kind: "cancelBill", ...input }),
  });
}
