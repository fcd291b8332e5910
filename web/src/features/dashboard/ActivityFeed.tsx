// What happened, newest first: one line per shopEvent, new ones slide in.
import { AnimatePresence, m } from "motion/react";
import { formatRelative } from "@/lib/dates";
import { useNow } from "@/hooks/useNow";
import { NewBadge } from "@/features/realtime";
import type { ActivityItem } from "./api";

export function ActivityFeed({ items }: { items: readonly ActivityItem[] }) {
  const now = useNow(30_000);
  if (items.length === 0) return <p className="muted">No activity yet.</p>;
  return (
    <ol className="activity" aria-label="Recent activity" tabIndex={0}>
      <AnimatePresence initial={false}>
        {items.map((item) => (
          <m.li key={item._id} initial={{ opacity: 0, x: -12 }} animate={{ opacity: 1, x: 0 }} exit={{ opacity: 0 }} className={`activity__item activity__item--${item.kind.replace(".", "-")}`}>
            <span className="activity__message">
              {item.message} <NewBadge id={item._id} />
            </span>
            <time className="muted" dateTime={item._createdAt}>
              {formatRelative(item._createdAt, now)}
            </time>
          </m.li>
        ))}
      </AnimatePresence>
    </ol>
  );
}
