// A table row that animates in when its document is new, flashes when it changes and shows
// a "New" badge through `children` callers (see NewBadge). Motion honours reduced motion.
import { m } from "motion/react";
import type { ReactNode } from "react";
import { useFreshness } from "./useFreshness";

interface Props {
  id: string;
  children: ReactNode;
  className?: string;
}

export function LiveRow({ id, children, className }: Props) {
  const freshness = useFreshness(id);
  return (
    <m.tr
      initial={freshness === "new" ? { opacity: 0, y: -8 } : false}
      animate={{ opacity: 1, y: 0 }}
      transition={{ duration: 0.25 }}
      className={`${className ?? ""} ${freshness ? `row--${freshness}` : ""}`}
      data-freshness={freshness ?? undefined}
    >
      {children}
    </m.tr>
  );
}
