/** Methods whose repetition cannot duplicate a change. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Whether an attempt may be repeated. Only transient outcomes are worth repeating (429, 5xx, timeouts,
 * connection failures); POST and PATCH only when that attempt provably changed nothing (a 429, or a
 * connection that never carried the request), because repeating them could apply a change twice.
 */
export function isRetryable(
  method: string,
  outcome: number | "timeout" | "connection",
  attemptMayHaveBeenApplied: boolean,
): boolean {
  const transient = typeof outcome !== "number" || outcome === 429 || (outcome >= 500 && outcome <= 599);
  return transient && (IDEMPOTENT.has(method) || !attemptMayHaveBeenApplied);
}

/** Exponential backoff with full jitter (AWS's recipe): spreads retries so clients don't stampede. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1)));
}
