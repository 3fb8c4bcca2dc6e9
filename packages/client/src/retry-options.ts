/** Retry settings; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First backoff step in ms; the n-th retry waits a random time in [0, min(maxDelayMs, base * 2^(n-1))]. Default 500. */
  baseDelayMs?: number;
  /** Cap of one backoff wait in ms. Default 8 000. */
  maxDelayMs?: number;
  /**
   * The longest the client ever waits after a 429, and the longest a 429 pauses the quota bucket (ms).
   * A `Retry-After` longer than this is not waited for: the 429 goes to the caller. Default 60 000.
   */
  maxRetryAfterMs?: number;
  /** Called before each retry wait, e.g. to log or count retries. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Called on every 429 that could be retried; return true to retry (after `delayMs`, even beyond
   * `maxRetries` or a `Retry-After` over `maxRetryAfterMs`), false to give up, nothing for the default.
   * Never called for a POST/PATCH that may already have been applied (e.g. a 429 after a 303): those are never retried.
   */
  onRateLimit?: (event: RateLimitEvent) => boolean | undefined | Promise<boolean | undefined>;
}

export interface RetryEvent {
  method: string;
  path: string;
  /** The attempt that failed: 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** Why: an HTTP status, or the kind of failure. */
  reason: number | "timeout" | "connection";
}

export interface RateLimitEvent {
  method: string;
  path: string;
  /** The attempt that got the 429: 1 for the first. */
  attempt: number;
  /** What the server's `Retry-After` asked for, in ms; undefined when it sent none (or one that could not be read). */
  retryAfterMs: number | undefined;
  /** How long the client waits before retrying: `Retry-After` or a backoff, at most `maxRetryAfterMs`. */
  delayMs: number;
}
