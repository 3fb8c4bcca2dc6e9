import { type AuthOptions, authHeaders } from "./auth-middleware.js";
import { ConfigurationError } from "./errors.js";
import type { Middleware } from "./fetch-types.js";
import type { LoopRetry } from "./internal/call-loop.js";
import { MAX_TIMER_MS } from "./internal/sleep.js";
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./rate-limiter.js";
import type { RetryOptions } from "./retry-options.js";

const REVIEW_HEADER = "x-respect-review-settings";

/** Options of `createStatsigConsoleClient`; every one has a default. */
export interface StatsigConsoleClientOptions extends AuthOptions {
  /** API origin (an absolute http(s) URL, without credentials). Default "https://statsigapi.net". */
  baseUrl?: string;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /**
   * Deadline of each request in ms, from the moment it is sent (not while it waits for quota) until
   * its body has been read; a fresh one per retry and per redirect. Default 30 000; 0 or Infinity disables.
   */
  timeoutMs?: number;
  /**
   * Retries: 429 for any method; 5xx, timeouts and connection errors only for GET, HEAD, OPTIONS,
   * PUT, DELETE; POST/PATCH only when the attempt provably changed nothing. `false` disables.
   * Default `{ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60000 }`.
   */
  retry?: false | RetryOptions;
  /**
   * Client-side quota for mutations. Default windows 100/10 s and 900/15 min (and 12/10 s, 900/15 min
   * for the segment id_list mutations). Pass `{ limiter }` to share one limiter between clients of a
   * project; `false` disables.
   */
  rateLimit?: false | (RateLimiterOptions & { limiter?: RateLimiter });
  /** When set, mutations send `x-respect-review-settings: true|false`. Default: not sent. */
  respectReviewSettings?: boolean;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /**
   * Checks every answer against the spec, off the call's path: `driftReporter({ onDrift })` from
   * `@org/statsig-console-drift/reporter` (any openapi-fetch middleware works). Default: nothing is checked.
   */
  validateResponses?: Middleware;
}

/** The options with every default applied and every value checked. */
export interface ResolvedOptions {
  baseUrl: string;
  origin: string;
  /** Every request's headers: the key, the API version and your own. */
  headers: Record<string, string>;
  /** A mutation's: the same, plus `x-respect-review-settings` when asked for (your own header of that name wins). */
  mutationHeaders: Record<string, string>;
  fetch: (input: Request | string, init: RequestInit) => Promise<Response>;
  limiter: RateLimiter | undefined;
  timeoutMs: number;
  retry: LoopRetry;
}

/** Fails at construction, with a ConfigurationError that names the option and never shows the key. */
export function resolveOptions(options: StatsigConsoleClientOptions): ResolvedOptions {
  // A URL object is taken as the URL it is.
  const baseUrl = String(options.baseUrl ?? "https://statsigapi.net").replace(/\/+$/, "");
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) {
    throw new ConfigurationError("baseUrl must be an http(s) URL without credentials");
  }
  const headers = { ...options.headers, ...authHeaders(options) };
  try {
    new Headers(headers);
  } catch {
    throw new ConfigurationError("headers (or apiVersion): invalid header name or value");
  }
  const retry = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  const rateLimit = options.rateLimit;
  const review = options.respectReviewSettings;
  const yours = Object.keys(headers).some((name) => name.toLowerCase() === REVIEW_HEADER);
  return {
    baseUrl,
    origin: url.origin,
    headers,
    mutationHeaders: review === undefined || yours ? headers : { ...headers, [REVIEW_HEADER]: String(review) },
    fetch: sender(options.fetch),
    limiter: rateLimit === false ? undefined : (rateLimit?.limiter ?? createRateLimiter(rateLimit)),
    timeoutMs: options.timeoutMs === Infinity ? 0 : ms("timeoutMs", options.timeoutMs, 30_000),
    retry: {
      maxRetries: ms("retry.maxRetries", retry.maxRetries, 2),
      baseDelayMs: ms("retry.baseDelayMs", retry.baseDelayMs, 500),
      maxDelayMs: ms("retry.maxDelayMs", retry.maxDelayMs, 8_000),
      maxRetryAfterMs: ms("retry.maxRetryAfterMs", retry.maxRetryAfterMs, 60_000),
      onRetry: retry.onRetry,
      onRateLimit: retry.onRateLimit,
    },
  };
}

/** A count or a duration: a number >= 0. Infinity stands for "no limit" and becomes the longest timer. */
function ms(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0)) throw new ConfigurationError(`${name} must be a number >= 0`);
  return Math.min(value, MAX_TIMER_MS);
}

/**
 * How a request goes out. The global fetch gets openapi-fetch's Request and the attempt's init, and builds the one
 * Request sent; a fetch of your own gets that Request built for it, since it takes a Request only.
 */
export function sender(custom: ((input: Request) => Promise<Response>) | undefined): ResolvedOptions["fetch"] {
  if (!custom) return (input, init) => globalThis.fetch(input, init);
  return (input, init) => custom(new Request(input, init));
}
