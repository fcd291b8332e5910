import { describe, expect, it } from "vitest";
import { canCancel, daysOverdue, isOverdue, outstandingTotals, type BillSummary } from "./model";

const now = Date.parse("2026-03-10T12:00:00Z");
const bill = (patch: Partial<BillSummary>): BillSummary => ({
  _id: "b",
  _createdAt: "2026-02-01T00:00:00Z",
  billNumber: "INV-000001",
  status: "pending",
  total: 1000,
  amountPaid: 0,
  currency: "USD",
  dueDate: "2026-03-07T12:00:00Z",
  ...patch,
});

describe("bill model", () => {
  it("marks open bills past their due date as overdue, with whole days", () => {
    expect(isOverdue(bill({}), now)).toBe(true);
    expect(daysOverdue(bill({}), now)).toBe(3);
    expect(isOverdue(bill({ status: "paid" }), now)).toBe(false);
    expect(isOverdue(bill({ dueDate: "2026-03-11T00:00:00Z" }), now)).toBe(false);
  });

  it("sums outstanding amounts per currency, skipping paid and cancelled bills", () => {
    const totals = outstandingTotals([
      bill({ amountPaid: 400, status: "partially_paid" }),
      bill({ status: "cancelled" }),
      bill({ currency: "EUR" }),
    ]);
    expect([...totals]).toEqual([
      ["USD", 600],
      ["EUR", 1000],
    ]);
  });

  it("only lets unpaid pending bills be cancelled", () => {
    expect(canCancel(bill({}))).toBe(true);
    expect(canCancel(bill({ status: "partially_paid", amountPaid: 1 }))).toBe(false);
  });
});
