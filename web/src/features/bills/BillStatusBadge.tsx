// A bill's status in colour and words; overdue bills say by how many days.
import { Badge, type Tone } from "@/components/Badge";
import type { BillStatus } from "@/lib/types";
import { STATUS_LABEL } from "./model";

const TONE: Record<BillStatus, Tone> = {
  pending: "info",
  partially_paid: "warning",
  paid: "success",
  cancelled: "neutral",
};

interface Props {
  status: BillStatus;
  daysOverdue?: number;
}

export function BillStatusBadge({ status, daysOverdue = 0 }: Props) {
  return (
    <span className="status-cell">
      <Badge tone={TONE[status]}>{STATUS_LABEL[status]}</Badge>
      {daysOverdue > 0 && <Badge tone="danger">{`Overdue ${daysOverdue} day${daysOverdue === 1 ? "" : "s"}`}</Badge>}
    </span>
  );
}
