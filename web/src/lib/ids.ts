// Random ids for idempotency keys (one per user intent, reused by retries and the offline queue).
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
