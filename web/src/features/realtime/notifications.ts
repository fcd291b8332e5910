// Turns incoming shopEvent documents into toasts. Events that arrive together (a replay after
// a reconnect, a burst of bills) are batched into one summary toast instead of a wall of them.
import { toast } from "sonner";
import type { ShopEvent, ShopEventKind } from "@/lib/types";

const BATCH_WINDOW_MS = 400;
const MAX_SINGLE_TOASTS = 3;

type Tone = "success" | "info" | "warning" | "error";

const TONE: Record<ShopEventKind, Tone> = {
  "bill.created": "info",
  "payment.recorded": "success",
  "bill.cancelled": "warning",
  "stock.restocked": "success",
  "stock.adjusted": "info",
  "stock.low": "warning",
  "stock.out": "error",
  "product.created": "info",
};

const TITLE: Record<ShopEventKind, string> = {
  "bill.created": "New bill",
  "payment.recorded": "Payment recorded",
  "bill.cancelled": "Bill cancelled",
  "stock.restocked": "Restocked",
  "stock.adjusted": "Stock adjusted",
  "stock.low": "Low stock",
  "stock.out": "Out of stock",
  "product.created": "New product",
};

export class ShopEventToaster {
  private batch: ShopEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  enabled = true;

  push(event: ShopEvent): void {
    if (!this.enabled) return;
    this.batch.push(event);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), BATCH_WINDOW_MS);
  }

  private flush(): void {
    const events = this.batch;
    this.batch = [];
    if (events.length <= MAX_SINGLE_TOASTS) {
      for (const event of events) show(TONE[event.kind], TITLE[event.kind], event.message);
      return;
    }
    const counts = new Map<string, number>();
    for (const event of events) counts.set(TITLE[event.kind], (counts.get(TITLE[event.kind]) ?? 0) + 1);
    const summary = [...counts].map(([title, n]) => `${n} × ${title.toLowerCase()}`).join(", ");
    const worst = events.some((e) => TONE[e.kind] === "error") ? "error" : events.some((e) => TONE[e.kind] === "warning") ? "warning" : "info";
    show(worst, `${events.length} updates`, summary);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

function show(tone: Tone, title: string, description: string): void {
  toast[tone](title, { description });
}
