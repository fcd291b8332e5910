// Bill rules as the panels display them (the server stays the authority for money rules):
// overdue is derived when reading, outstanding = total − paid, what an admin may do next.
import { daysSince } from "@/lib/dates";
import type { BillStatus } from "@/lib/types";

export interface BillSummary {
  _id: string;
  _createdAt: string;
  billNumber: string;
  status: BillStatus;
  total: number;
  amountPaid: number;
  currency: string;
  dueDate: string;
  customerName?: string | null;
}

export type DisplayStatus = BillStatus | "overdue";

export function isOpen(bill: Pick<BillSummary, "status">): boolean {
  return bill.status === "pending" || bill.status === "partially_paid";
}

export function isOverdue(bill: Pick<BillSummary, "status" | "dueDate">, now: number): boolean {
  return isOpen(bill) && Date.parse(bill.dueDate) < now;
}

export function daysOverdue(bill: Pick<BillSummary, "status" | "dueDate">, now: number): number {
  return isOverdue(bill, now) ? Math.max(1, daysSince(bill.dueDate, now)) : 0;
}

export function outstanding(bill: Pick<BillSummary, "status" | "total" | "amountPaid">): number {
  return isOpen(bill) ? bill.total - bill.amountPaid : 0;
}

/** Sum of outstanding amounts per currency (bills in different currencies are not added up). */
export function outstandingTotals(bills: readonly BillSummary[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const bill of bills) {
    const amount = outstanding(bill);
    if (amount > 0) totals.set(bill.currency, (totals.get(bill.currency) ?? 0) + amount);
  }
  return totals;
}

export function canRecordPayment(bill: Pick<BillSummary, "status" | "total" | "amountPaid">): boolean {
  return isOpen(bill) && bill.amountPaid < bill.total;
}

export function canCancel(bill: Pick<BillSummary, "status" | "amountPaid">): boolean {
  return bill.status === "pending" && bill.amountPaid === 0;
}

export const STATUS_LABEL: Record<DisplayStatus, string> = {
  pending: "Pending",
  partially_paid: "Partly paid",
  paid: "Paid",
  cancelled: "Cancelled",
  overdue: "Overdue",
};
