// A small label with a tone; the text always says what the colour means.
import type { ReactNode } from "react";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

interface Props {
  tone?: Tone;
  children: ReactNode;
  title?: string;
}

export function Badge({ tone = "neutral", children, title }: Props) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
