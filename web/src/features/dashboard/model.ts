// Dashboard figures derived from what the queries return: revenue per day from payments.
import { dayOf } from "@/lib/dates";

export interface PaymentPoint {
  amount: number;
  paidAt: string;
}

export interface DayRevenue {
  day: string; // YYYY-MM-DD
  revenue: number; // minor units
}

/** Payments summed per UTC day over the last `days` days (days with none show 0). */
export function revenuePerDay(payments: readonly PaymentPoint[], days: number, now: number): DayRevenue[] {
  const series = new Map<string, number>();
  for (let i = days - 1; i >= 0; i -= 1) series.set(new Date(now - i * 86_400_000).toISOString().slice(0, 10), 0);
  for (const p of payments) {
    const day = dayOf(p.paidAt);
    if (series.has(day)) series.set(day, (series.get(day) ?? 0) + p.amount);
  }
  return [...series].map(([day, revenue]) => ({ day, revenue }));
}
