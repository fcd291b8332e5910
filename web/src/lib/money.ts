// Money display: integer minor units + ISO 4217 currency, formatted by Intl (never floats in sums).
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale?: string): Intl.NumberFormat {
  const key = `${locale ?? ""}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Digits after the decimal point for a currency (2 for USD, 0 for JPY). */
export function minorDigits(currency: string): number {
  return formatterFor(currency, "en").resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats `minor` units of `currency`, e.g. formatMoney(12345, "USD") → "$123.45". */
export function formatMoney(minor: number, currency = "USD", locale?: string): string {
  const digits = minorDigits(currency);
  return formatterFor(currency, locale).format(minor / 10 ** digits);
}

/** Parses a user-typed major-unit amount ("12.5") into integer minor units (1250), or null. */
export function parseMoney(text: string, currency = "USD"): number | null {
  const digits = minorDigits(currency);
  const trimmed = text.trim();
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(?:\\.\\d{1,${digits}})?$`);
  if (!pattern.test(trimmed)) return null;
  const [whole = "0", fraction = ""] = trimmed.split(".");
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}
