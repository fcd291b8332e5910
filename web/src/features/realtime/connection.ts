// One listen-stream connection for the whole tab, read with fetch so that our own reconnects
// (exponential backoff with jitter) can send Last-Event-ID: the server then replays what was
// missed (`welcomeback`) or says `reset` when the gap is too old, and we refetch everything.
import { SseParser, type SseMessage } from "@/lib/sse";
import type { ConnectionSnapshot, MutationEvent } from "./types";

export interface ConnectionHandlers {
  onMutation(event: MutationEvent): void;
  /** The cache may have missed events (fresh welcome after a gap, `reset`): refetch all. */
  onResync(reason: string): void;
}

const INITIAL_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** The server sends a keep-alive comment every 15–30 s; silence past this means a dead link. */
const SILENCE_LIMIT_MS = 45_000;

export class RealtimeConnection {
  private snapshot: ConnectionSnapshot = {
    status: "idle",
    reconnects: 0,
    latencyMs: null,
    reason: null,
    simulatedUntil: null,
  };
  private readonly subscribers = new Set<() => void>();
  private abort: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private retryMs = INITIAL_RETRY_MS;
  private lastEventId: string | undefined;
  private running = false;
  private everWelcomed = false;

  constructor(
    private readonly url: string,
    private readonly handlers: ConnectionHandlers,
  ) {}

  // ---- store interface for useSyncExternalStore --------------------------------------------
  subscribe = (listener: () => void): (() => void) => {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  };
  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  private set(patch: Partial<ConnectionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.subscribers) listener();
  }

  // ---- lifecycle ---------------------------------------------------------------------------
  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
    if (navigator.onLine) void this.open();
    else this.set({ status: "offline", reason: "No network" });
  }

  stop(): void {
    this.running = false;
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    this.teardown();
    this.set({ status: "idle", reason: null, simulatedUntil: null });
  }

  /** Drops the connection now and keeps it down for `ms` (the live demo's outage button). */
  simulateOutage(ms: number): void {
    if (!this.running) return;
    this.teardown();
    const until = Date.now() + ms;
    this.set({ status: "offline", reason: "Simulated connection loss", simulatedUntil: until });
    this.retryTimer = setTimeout(() => {
      this.set({ simulatedUntil: null });
      this.reconnect();
    }, ms);
  }

  /** Reconnects at once (resets the backoff), keeping Last-Event-ID. */
  reconnectNow(): void {
    if (!this.running) return;
    this.teardown();
    this.attempt = 0;
    this.reconnect();
  }

  private teardown(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.abort?.abort();
    this.abort = null;
  }

  private onOnline = (): void => {
    if (this.snapshot.simulatedUntil === null) this.reconnectNow();
  };
  private onOffline = (): void => {
    this.teardown();
    this.set({ status: "offline", reason: "No network" });
  };

  private reconnect(): void {
    this.set({ reconnects: this.snapshot.reconnects + 1 });
    void this.open();
  }

  private scheduleRetry(reason: string): void {
    if (!this.running) return;
    this.teardown();
    const base = Math.min(MAX_RETRY_MS, this.retryMs * 2 ** this.attempt);
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    this.attempt += 1;
    this.set({ status: navigator.onLine ? "reconnecting" : "offline", reason });
    this.retryTimer = setTimeout(() => this.reconnect(), delay);
  }

  private armSilenceTimer(): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.scheduleRetry("No data from the server"), SILENCE_LIMIT_MS);
  }

  // ---- the stream --------------------------------------------------------------------------
  private async open(): Promise<void> {
    const controller = new AbortController();
    this.abort = controller;
    if (this.snapshot.status !== "reconnecting") {
      this.set({ status: this.everWelcomed ? "reconnecting" : "connecting" });
    }
    const headers: Record<string, string> = { Accept: "text/event-stream", "Cache-Control": "no-cache" };
    if (this.lastEventId) headers["Last-Event-ID"] = this.lastEventId;
    let response: Response;
    try {
      response = await fetch(this.url, { headers, credentials: "include", signal: controller.signal, cache: "no-store" });
    } catch {
      if (!controller.signal.aborted) this.scheduleRetry("Cannot reach the server");
      return;
    }
    if (response.status === 401 || response.status === 403) {
      this.teardown();
      this.set({ status: "failed", reason: response.status === 401 ? "Signed out" : "Not allowed" });
      return;
    }
    if (!response.ok || !response.body) {
      this.scheduleRetry(`Server answered ${response.status}`);
      return;
    }
    const parser = new SseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.armSilenceTimer();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.armSilenceTimer();
        for (const message of parser.push(value)) this.dispatch(message);
        if (parser.retryMs !== undefined) this.retryMs = parser.retryMs;
        if (this.abort !== controller) return; // dispatch stopped or replaced this stream
      }
    } catch {
      /* aborted or the connection broke */
    }
    if (!controller.signal.aborted && this.abort === controller) this.scheduleRetry("Connection lost");
  }

  private dispatch(message: SseMessage): void {
    if (message.id !== undefined) this.lastEventId = message.id;
    switch (message.event) {
      case "welcome": {
        // A fresh start: after a gap nothing was replayed, so what we hold may be stale.
        const wasReconnect = this.everWelcomed;
        this.everWelcomed = true;
        this.attempt = 0;
        this.set({ status: "live", reason: null });
        this.handlers.onResync(wasReconnect ? "reconnected without replay" : "connected");
        break;
      }
      case "welcomeback":
        this.attempt = 0;
        this.set({ status: "live", reason: null });
        break;
      case "reset":
        this.handlers.onResync("missed events are too old to replay");
        break;
      case "mutation": {
        const event = parseJson(message.data) as MutationEvent | null;
        if (!event) return;
        const latency = Date.now() - Date.parse(event.timestamp);
        this.set({ latencyMs: Number.isFinite(latency) ? Math.max(0, latency) : null });
        this.handlers.onMutation({ ...event, type: "mutation" });
        break;
      }
      case "channelError": {
        const data = parseJson(message.data) as { message?: string; error?: { description?: string } } | null;
        this.teardown();
        this.set({ status: "failed", reason: data?.error?.description ?? data?.message ?? "Channel error" });
        this.handlers.onResync("channel error");
        break;
      }
      case "disconnect": {
        const data = parseJson(message.data) as { reason?: string } | null;
        this.scheduleRetry(data?.reason ?? "Server disconnected");
        break;
      }
      default:
        break;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
