// Random ids for idempotency keys (one per user intent, reused by retries and the offline queue).
// crypto.randomUUID exists only in secure contexts (https or localhost): every browser leaves it
// out when the server is opened over plain http on a LAN address, so a v4 UUID is made from
// crypto.getRandomValues (available in every context) there.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const hex = Array.from(bytes, (x, i) => {
    if (i === 6) x = (x & 0x0f) | 0x40; // version 4
    if (i === 8) x = (x & 0x3f) | 0x80; // RFC 4122 variant
    return x.toString(16).padStart(2, "0");
  }).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
