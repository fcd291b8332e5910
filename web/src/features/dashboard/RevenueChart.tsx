// Revenue per day (recharts; this file is lazy-loaded so charts stay out of other routes).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/money";
import type { DayRevenue } from "./model";

export default function RevenueChart({ data }: { data: readonly DayRevenue[] }) {
  const total = data.reduce((sum, d) => sum + d.revenue, 0);
  return (
    <figure className="chart">
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={[...data]} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} stroke="var(--muted)" fontSize={12} />
            <YAxis domain={[0, (max: number) => Math.max(max, 10_000)]} allowDecimals={false} tickFormatter={(v: number) => formatMoney(v).replace(/\.00$/, "")} stroke="var(--muted)" fontSize={12} width={64} />
            <Tooltip formatter={(v: number) => formatMoney(v)} contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }} />
            <Bar dataKey="revenue" name="Revenue" fill="var(--accent)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">
        Payments received per day over the last {data.length} days: {formatMoney(total)} in total.
      </figcaption>
    </figure>
  );
}
