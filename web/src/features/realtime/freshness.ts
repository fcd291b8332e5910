// Remembers which documents arrived or changed recently, for the "New" badge (a minute) and
// the change flash (a moment). A tiny external store read with useSyncExternalStore.
export type Freshness = "new" | "changed";

const NEW_FOR_MS = 60_000;
const CHANGED_FOR_MS = 1_600;

interface Entry {
  kind: Freshness;
  until: number;
}

export class FreshnessStore {
  private entries = new Map<string, Entry>();
  private readonly subscribers = new Set<() => void>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();

  subscribe = (listener: () => void): (() => void) => {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  };

  get(id: string): Freshness | null {
    const entry = this.entries.get(id);
    return entry && entry.until > Date.now() ? entry.kind : null;
  }

  mark(id: string, kind: Freshness): void {
    const current = this.entries.get(id);
    // A change to a new document keeps its "New" badge; the flash still shows through "changed".
    const effective: Freshness = current?.kind === "new" && current.until > Date.now() && kind === "changed" ? "new" : kind;
    const ms = effective === "new" ? NEW_FOR_MS : CHANGED_FOR_MS;
    this.entries.set(id, { kind: effective, until: Date.now() + ms });
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.entries.delete(id);
        this.timers.delete(id);
        this.notify();
      }, ms),
    );
    this.notify();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private notify(): void {
    for (const listener of this.subscribers) listener();
  }
}
