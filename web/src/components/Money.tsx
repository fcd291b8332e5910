// An amount of money from integer minor units, in tabular figures.
import { formatMoney } from "@/lib/money";

interface Props {
  minor: number;
  currency?: string | undefined;
  className?: string;
}

export function Money({ minor, currency = "USD", className }: Props) {
  return <span className={`money ${className ?? ""}`}>{formatMoney(minor, currency)}</span>;
}
