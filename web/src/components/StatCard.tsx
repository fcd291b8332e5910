// One figure with its label.
import type { ReactNode } from "react";

interface Props {
  label: string;
  value: ReactNode;
  tone?: "neutral" | "success" | "warning" | "danger" | "info";
}

export function StatCard({ label, value, tone = "neutral" }: Props) {
  return (
    <div className={`stat-card stat-card--${tone}`}>
      <span className="stat-card__label">{label}</span>
      <span className="stat-card__value">{value}</span>
    </div>
  );
}
