// Stock of the emptiest products against their thresholds (lazy-loaded, recharts).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ProductRow } from "@/features/inventory";

export default function StockChart({ products }: { products: readonly ProductRow[] }) {
  const data = [...products]
    .filter((p) => p.active)
    .sort((a, b) => a.stock / Math.max(1, a.lowStockThreshold) - b.stock / Math.max(1, b.lowStockThreshold))
    .slice(0, 10)
    .map((p) => ({ name: p.name.length > 14 ? `${p.name.slice(0, 13)}…` : p.name, stock: p.stock, threshold: p.lowStockThreshold }));
  return (
    <figure className="chart">
      <div className="chart__canvas" aria-hidden="true">
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
            <XAxis type="number" stroke="var(--muted)" fontSize={12} />
            <YAxis type="category" dataKey="name" width={110} interval={0} stroke="var(--muted)" fontSize={12} />
            <Tooltip contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }} />
            <Bar dataKey="stock" name="In stock" fill="var(--accent)" isAnimationActive={false} />
            <Bar dataKey="threshold" name="Low-stock threshold" fill="var(--warning)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">The ten products closest to their low-stock threshold: stock and threshold.</figcaption>
    </figure>
  );
}
