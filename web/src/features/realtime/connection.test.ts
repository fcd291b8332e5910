import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealtimeConnection } from "./connection";
import type { MutationEvent } from "./types";

/** A fetch double: each call takes the next scripted answer (SSE text, then end of stream). */
function scriptedFetch(answers: (string | number)[]) {
  const calls: Headers[] = [];
  const fetchMock = vi.fn((_url: string, init: RequestInit) => {
    calls.push(new Headers(init.headers));
    const answer = answers.shift();
    if (answer === undefined) return new Promise<Response>(() => undefined); // hangs: stays connected
    if (typeof answer === "number") return Promise.resolve(new Response("{}", { status: answer }));
    return Promise.resolve(new Response(answer, { status: 200, headers: { "Content-Type": "text/event-stream" } }));
  });
  return { fetchMock, calls };
}

const mutation = (id: string) =>
  `id: tx-${id}#${id}\nevent: mutation\ndata: ${JSON.stringify({ documentId: id, eventId: `tx-${id}#${id}`, transactionId: `tx-${id}`, transition: "update", timestamp: new Date().toISOString(), result: { _id: id, _type: "bill" } })}\n\n`;

describe("RealtimeConnection", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("window", new EventTarget());
    vi.stubGlobal("navigator", { onLine: true });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("reconnects after the stream ends, sending the last event id, and resyncs only when not replayed", async () => {
    const { fetchMock, calls } = scriptedFetch([
      "retry: 100\nid: start\nevent: welcome\ndata: {}\n\n" + mutation("a"),
      "retry: 100\nevent: welcomeback\ndata: {}\n\n" + mutation("b"),
    ]);
    vi.stubGlobal("fetch", fetchMock);
    const events: MutationEvent[] = [];
    const resyncs: string[] = [];
    const connection = new RealtimeConnection("/listen", { onMutation: (e) => events.push(e), onResync: (r) => resyncs.push(r) });
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(events.map((e) => e.documentId)).toEqual(["a"]);
    expect(connection.getSnapshot().status).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(200);
    expect(calls[1]?.get("Last-Event-ID")).toBe("tx-a#a");
    expect(events.map((e) => e.documentId)).toEqual(["a", "b"]);
    expect(resyncs).toEqual(["connected"]); // welcomeback replayed: no refetch
    // The second scripted stream ends too: the third attempt resumes after "b".
    expect(calls[2]?.get("Last-Event-ID")).toBe("tx-b#b");
    expect(connection.getSnapshot().reconnects).toBe(2);
    connection.stop();
  });

  it("refetches everything on reset", async () => {
    const { fetchMock } = scriptedFetch(["event: welcome\ndata: {}\n\nevent: reset\ndata: {}\n\n"]);
    vi.stubGlobal("fetch", fetchMock);
    const resyncs: string[] = [];
    const connection = new RealtimeConnection("/listen", { onMutation: () => undefined, onResync: (r) => resyncs.push(r) });
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(resyncs).toEqual(["connected", "missed events are too old to replay"]);
    connection.stop();
  });

  it("stops for good on 401 and backs off on 503", async () => {
    const { fetchMock } = scriptedFetch([503, 401]);
    vi.stubGlobal("fetch", fetchMock);
    const connection = new RealtimeConnection("/listen", { onMutation: () => undefined, onResync: () => undefined });
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(connection.getSnapshot().status).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(1000);
    expect(connection.getSnapshot().status).toBe("failed");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    connection.stop();
  });

  it("simulated outage drops the stream and reconnects when it ends", async () => {
    const { fetchMock } = scriptedFetch(["event: welcome\ndata: {}\n\n"]);
    vi.stubGlobal("fetch", fetchMock);
    const connection = new RealtimeConnection("/listen", { onMutation: () => undefined, onResync: () => undefined });
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    connection.simulateOutage(5000);
    expect(connection.getSnapshot().status).toBe("offline");
    await vi.advanceTimersByTimeAsync(5010);
    expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(2);
    connection.stop();
  });
});
