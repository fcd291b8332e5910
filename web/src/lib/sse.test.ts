import { describe, expect, it } from "vitest";
import { SseParser } from "./sse";

describe("SseParser", () => {
  it("parses named events with ids across chunk boundaries", () => {
    const parser = new SseParser();
    expect(parser.push("retry: 500\nevent: wel")).toEqual([]);
    expect(parser.push('come\nid: tx1#a\ndata: {"listenerName":"x"}\n')).toEqual([]);
    expect(parser.push("\n")).toEqual([{ event: "welcome", data: '{"listenerName":"x"}', id: "tx1#a" }]);
    expect(parser.retryMs).toBe(500);
  });

  it("ignores keep-alive comments and joins multi-line data", () => {
    const parser = new SseParser();
    const out = parser.push(": keep-alive\n\ndata: a\ndata: b\n\n");
    expect(out).toEqual([{ event: "message", data: "a\nb", id: undefined }]);
  });

  it("handles CRLF split between chunks", () => {
    const parser = new SseParser();
    expect(parser.push("event: reset\r")).toEqual([]);
    expect(parser.push("\ndata: {}\r\n\r\n")).toEqual([{ event: "reset", data: "{}", id: undefined }]);
  });
});
