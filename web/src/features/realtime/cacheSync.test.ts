import { describe, expect, it } from "vitest";
import { patchData } from "./cacheSync";
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
