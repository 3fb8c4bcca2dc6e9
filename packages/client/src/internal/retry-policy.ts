/** Retry settings; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First backoff step in ms; the n-th retry waits a random time in [0, min(maxDelayMs, base * 2^n)]. Default 500. */
  baseDelayMs?: number;
  /** Cap of one backoff wait in ms. Default 8 000. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (ms) is not waited for: the 429 goes to the caller. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Called before each retry wait, e.g. to log or count retries. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  method: string;
  path: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** Why: an HTTP status, or the kind of failure. */
  reason: number | "timeout" | "connection";
}

/** Methods whose repetition cannot duplicate a change. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/**
 * Whether an outcome may be retried. A 429 was not processed, so any method may repeat; so may a
 * connection that was refused before the request left. Everything else that may have reached the
 * server (5xx, timeouts, resets) repeats only for idempotent methods.
 */
export function isRetryable(method: string, outcome: number | "timeout" | "connection" | "not-sent"): boolean {
  if (outcome === 429 || outcome === "not-sent") return true;
  if (outcome === "timeout" || outcome === "connection") return isIdempotent(method);
  return outcome >= 500 && outcome <= 599 && isIdempotent(method);
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter (AWS's recipe): spreads retries so clients don't stampede. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1)));
}
