// Actions made while offline wait here, in this tab (sessionStorage), and are sent in order
// when the network comes back. Bills and payments carry idempotency keys, so a request that
// did reach the server before the link dropped is answered with the same document, not twice.
import { toast } from "sonner";
import { describeAction, sendAction, type Action } from "./actions";
import { ApiError } from "./api";
import { newIdempotencyKey } from "./ids";

export interface QueuedAction {
  id: string;
  action: Action;
  queuedAt: string;
}

const STORAGE_KEY = "ledgerline.offlineQueue";

function load(): QueuedAction[] {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as QueuedAction[]) : [];
  } catch {
    return [];
  }
}

export class OfflineQueue {
  private items: QueuedAction[] = load();
  private readonly subscribers = new Set<() => void>();
  private flushing = false;

  subscribe = (listener: () => void): (() => void) => {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  };
  getSnapshot = (): readonly QueuedAction[] => this.items;

  enqueue(action: Action): void {
    this.items = [...this.items, { id: newIdempotencyKey(), action, queuedAt: new Date().toISOString() }];
    this.save();
    toast.info("Saved offline", { description: `${describeAction(action)} will be sent when the connection is back.` });
  }

  discard(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
    this.save();
  }

  /** Sends queued actions in order; stops at the first network failure (still offline). */
  async flush(): Promise<void> {
    if (this.flushing || this.items.length === 0) return;
    this.flushing = true;
    try {
      while (this.items.length > 0) {
        const [item] = this.items;
        if (!item) break;
        try {
          await sendAction(item.action);
          toast.success("Sent", { description: describeAction(item.action) });
        } catch (error) {
          if (error instanceof ApiError && (error.isNetwork || error.status >= 500)) return;
          const reason = error instanceof Error ? error.message : "Refused";
          toast.error(`Refused: ${describeAction(item.action)}`, { description: reason, duration: 10_000 });
        }
        this.discard(item.id);
      }
    } finally {
      this.flushing = false;
    }
  }

  private save(): void {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(this.items));
    } catch {
      /* storage full or unavailable: the queue still lives in memory */
    }
    for (const listener of this.subscribers) listener();
  }
}

export const offlineQueue = new OfflineQueue();

export type ActionOutcome<T> = { status: "done"; result: T } | { status: "queued" };

/**
 * Sends an action now, or queues it when offline (or when the request cannot reach the
 * server). Refusals (4xx) and server errors are thrown for the caller's form to show.
 */
export async function performAction<T>(action: Action): Promise<ActionOutcome<T>> {
  if (!navigator.onLine) {
    offlineQueue.enqueue(action);
    return { status: "queued" };
  }
  try {
    return { status: "done", result: (await sendAction(action)) as T };
  } catch (error) {
    if (error instanceof ApiError && error.isNetwork) {
      offlineQueue.enqueue(action);
      return { status: "queued" };
    }
    throw error;
  }
}
