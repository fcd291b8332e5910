import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { queryKeys } from "@/lib/queryKeys";
import { CacheSync, patchData } from "./cacheSync";
import type { MutationEvent } from "./types";

const event = (transition: MutationEvent["transition"], result?: Record<string, unknown>): MutationEvent =>
  ({
    type: "mutation",
    documentId: "b1",
    eventId: "tx#b1",
    transactionId: "tx",
    transition,
    timestamp: new Date().toISOString(),
    result: result as MutationEvent["result"],
  });

describe("patchData", () => {
  it("merges only the fields a projected list item already has", () => {
    const list = [{ _id: "b1", status: "pending", customerName: "Alice" }, { _id: "b2", status: "paid" }];
    const next = patchData(list, event("update", { _id: "b1", _type: "bill", status: "paid", total: 5 })) as typeof list;
    expect(next[0]).toEqual({ _id: "b1", status: "paid", customerName: "Alice" });
    expect(next[1]).toBe(list[1]);
  });

  it("removes a document that disappeared", () => {
    const list = [{ _id: "b1" }, { _id: "b2" }];
    expect(patchData(list, event("disappear"))).toEqual([{ _id: "b2" }]);
  });

  it("leaves other data untouched", () => {
    const list = [{ _id: "x" }];
    expect(patchData(list, event("update", { _id: "b1", status: "paid" }))).toBe(list);
    expect(patchData({ counts: 1 }, event("update", { _id: "b1" }))).toEqual({ counts: 1 });
  });
});

describe("CacheSync invalidations", () => {
  // A stand-in QueryClient that records which document types' lists were invalidated.
  function setup() {
    const invalidated: string[] = [];
    const client = {
      setQueriesData: () => undefined,
      isFetching: () => 0,
      invalidateQueries: ({ queryKey }: { queryKey: readonly string[] }) => {
        if (queryKey[0] === "docs" && queryKey[1]) invalidated.push(queryKey[1]);
        return Promise.resolve();
      },
    } as unknown as QueryClient;
    return { invalidated, sync: new CacheSync(client, 150, 1000) };
  }
  const bill = event("appear", { _id: "b1", _type: "bill" });
  const shopEvent = event("appear", { _id: "e1", _type: "shopEvent" });

  afterEach(() => vi.useRealTimers());

  it("refetches at once when a document appears after a quiet spell (a new bill shows without waiting)", () => {
    vi.useFakeTimers();
    const { invalidated, sync } = setup();
    sync.apply(bill);
    expect(invalidated).toEqual(["bill"]);
  });

  it("batches updates (already patched in) into one later refetch", () => {
    vi.useFakeTimers();
    const { invalidated, sync } = setup();
    sync.apply(event("update", { _id: "b1", _type: "bill", status: "paid" }));
    expect(invalidated).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(invalidated).toEqual(["bill"]);
  });

  it("refetches a burst twice per type: the first at once, the rest in one batch", () => {
    vi.useFakeTimers();
    const { invalidated, sync } = setup();
    for (let i = 0; i < 50; i++) sync.apply(i % 2 ? shopEvent : bill);
    expect(invalidated).toEqual(["bill", "shopEvent"]);
    vi.advanceTimersByTime(150);
    expect(invalidated.sort()).toEqual(["bill", "bill", "shopEvent", "shopEvent"]);
    sync.apply(bill);
    expect(invalidated).toHaveLength(5);
  });

  it("restarts a first fetch that was running when a document appeared (its answer may predate it)", async () => {
    const client = new QueryClient();
    const started: Array<(value: string[]) => void> = [];
    const observer = new QueryObserver(client, {
      queryKey: queryKeys.docs("bill", "adminList"),
      queryFn: () => new Promise<string[]>((resolve) => started.push(resolve)),
    });
    const unsubscribe = observer.subscribe(() => undefined);
    expect(started).toHaveLength(1);
    new CacheSync(client, 150, 1000).apply(bill);
    await vi.waitFor(() => expect(started).toHaveLength(2));
    const [first, second] = started;
    first?.(["INV-1"]); // the cancelled first answer is ignored
    second?.(["INV-2", "INV-1"]);
    await vi.waitFor(() => expect(observer.getCurrentResult().data).toEqual(["INV-2", "INV-1"]));
    unsubscribe();
    client.clear();
  });
});
