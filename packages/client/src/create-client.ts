import type { paths } from "@org/statsig-console-types";
import createClient from "openapi-fetch";
import { API_KEY_HEADER, type AuthOptions, authHeaders } from "./auth-middleware.js";
import type { StatsigConsoleClient } from "./client-types.js";
import { startDeadline } from "./deadline.js";
import { AbortError, ConnectionError, ResponseParseError, StatsigConsoleError, TimeoutError } from "./errors.js";
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./rate-limiter.js";
import { responseContexts } from "./response-context.js";
import type { RetryOptions } from "./retry-policy.js";
import { type CallContext, createTransport } from "./transport.js";

export const DEFAULT_BASE_URL = "https://statsigapi.net";
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Options of `createStatsigConsoleClient`; every one has a default. */
export interface StatsigConsoleClientOptions extends AuthOptions {
  /** API origin. Default "https://statsigapi.net". */
  baseUrl?: string;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Deadline of each attempt in ms (a fresh one per retry), combined with the caller's `signal`. Default 30 000; 0 disables. */
  timeoutMs?: number;
  /**
   * Retries: 429 for any method; 5xx, timeouts and connection errors only for GET, HEAD, OPTIONS,
   * PUT, DELETE; POST/PATCH only when the request provably never left. `false` disables.
   * Default `{ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60000 }`.
   */
  retry?: false | RetryOptions;
  /**
   * Client-side quota for mutations. Default windows 100/10 s and 900/15 min (and 12/10 s, 900/15 min
   * for segments). Pass `{ limiter }` to share one limiter between clients of a project; `false` disables.
   */
  rateLimit?: false | (RateLimiterOptions & { limiter?: RateLimiter });
  /** When set, mutations send `x-respect-review-settings: true|false`. Default: not sent. */
  respectReviewSettings?: boolean;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
}

export type { StatsigConsoleClient };

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * A Console API client: openapi-fetch's `client.GET(path, init)` returning `{ data, error, response }`,
 * with auth, quota, safe retries, per-attempt timeouts and typed transport errors built in.
 * Throws ConfigurationError at once when no usable API key is given.
 */
export function createStatsigConsoleClient(options: StatsigConsoleClientOptions = {}): StatsigConsoleClient {
  const headers = { ...options.headers, ...authHeaders(options) };
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const rateLimit = options.rateLimit;
  const retry = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    origin: new URL(baseUrl).origin,
    keyHeader: API_KEY_HEADER,
    limiter: rateLimit === false ? undefined : (rateLimit?.limiter ?? createRateLimiter(rateLimit)),
    retry: {
      maxRetries: retry.maxRetries ?? 2,
      baseDelayMs: retry.baseDelayMs ?? 500,
      maxDelayMs: retry.maxDelayMs ?? 8_000,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? 60_000,
      onRetry: retry.onRetry,
    },
    timeoutMs,
    respectReviewSettings:
      options.respectReviewSettings === undefined ? undefined : String(options.respectReviewSettings),
  });
  // redirect "manual": the transport follows redirects itself (and drops the key off-origin).
  const base = createClient<paths>({ baseUrl, headers, fetch: transport, redirect: "manual" });
  const client = { ...base };
  for (const method of METHODS) {
    const call = base[method] as unknown as (path: string, init?: object) => Promise<{ response: Response }>;
    (client as Record<string, unknown>)[method] = (path: string, init?: { signal?: AbortSignal }) => {
      // The first attempt's deadline becomes the Request's signal, so that Request can be sent as is.
      const callerSignal = init?.signal ?? undefined;
      const deadline = startDeadline(callerSignal, timeoutMs);
      const context: CallContext = { path, callerSignal, deadline, done: deadline?.clear };
      const signal = deadline?.signal ?? callerSignal;
      // A per-call fetch hands the call's context to the transport without touching the Request.
      const fetch = (request: Request) => transport(request, context);
      return call(path, { ...init, signal, fetch }).then(
        (result) => {
          context.done?.();
          responseContexts.set(result.response, { method, path, url: result.response.url });
          return result;
        },
        (error: unknown) => {
          context.done?.();
          throw typedError(error, method, path);
        },
      );
    };
  }
  // openapi-fetch's generic `request(method, path, init)` goes through the same wrapped methods.
  (client as Record<string, unknown>).request = (method: string, path: string, init?: object) =>
    (client as unknown as Record<string, (p: string, i?: object) => unknown>)[method.toUpperCase()]?.(path, init);
  return client as unknown as StatsigConsoleClient;
}

/** Whatever escaped openapi-fetch (a body that failed to parse or stream) becomes a typed error. */
function typedError(error: unknown, method: string, path: string): StatsigConsoleError {
  if (error instanceof StatsigConsoleError) return error;
  const context = { method, path };
  const name = (error as { name?: string } | null)?.name;
  if (error instanceof SyntaxError) {
    return new ResponseParseError(`${method} ${path}: the response body is not valid JSON`, context, { cause: error });
  }
  if (name === "TimeoutError") return new TimeoutError(`${method} ${path} timed out`, context, { cause: error });
  if (name === "AbortError") return new AbortError(`${method} ${path} was aborted`, context, { cause: error });
  return new ConnectionError(`${method} ${path} failed: ${(error as Error)?.message ?? String(error)}`, context, {
    cause: error,
  });
}
