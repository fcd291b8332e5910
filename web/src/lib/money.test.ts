import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney } from "./money";

describe("money", () => {
  it("formats integer minor units by the currency's digits", () => {
    expect(formatMoney(123456, "USD", "en-US")).toBe("$1,234.56");
    expect(formatMoney(500, "JPY", "en-US")).toBe("¥500");
  });

  it("parses typed amounts into minor units without floating point", () => {
    expect(parseMoney("12.5")).toBe(1250);
    expect(parseMoney("0.07")).toBe(7);
    expect(parseMoney("1.005")).toBeNull();
    expect(parseMoney("-1")).toBeNull();
    expect(parseMoney("300", "JPY")).toBe(300);
  });
});
