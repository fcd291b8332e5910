// newIdempotencyKey with and without crypto.randomUUID (absent on plain-http LAN addresses).
import { afterEach, describe, expect, it, vi } from "vitest";
import { newIdempotencyKey } from "./ids";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newIdempotencyKey", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("makes distinct v4 UUIDs where crypto.randomUUID is missing", () => {
    vi.stubGlobal("crypto", { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    const keys = Array.from({ length: 100 }, newIdempotencyKey);
    for (const key of keys) expect(key).toMatch(UUID_V4);
    expect(new Set(keys).size).toBe(100);
  });

  it("uses crypto.randomUUID where there is one", () => {
    expect(newIdempotencyKey()).toMatch(UUID_V4);
  });
});
