import { type Deadline, startDeadline } from "./deadline.js";
import { AbortError, ConnectionError, type ErrorContext, StatsigConsoleError, TimeoutError } from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import { backoffDelay, isRetryable, parseRetryAfter, type RetryOptions } from "./retry-policy.js";
import { sleep } from "./sleep.js";

/**
 * What the client's methods share with the transport for one call: the path template (for
 * errors), the caller's own signal, and the first attempt's deadline (already the Request's
 * signal, so the first attempt can send openapi-fetch's Request as is). `done` releases the last
 * deadline once the body has been read.
 */
export interface CallContext {
  path: string;
  callerSignal: AbortSignal | undefined;
  deadline: Deadline | undefined;
  done?: () => void;
}

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  /** Origin the API key may be sent to; redirects elsewhere lose the key. */
  origin: string;
  /** Header that carries the key (stripped on cross-origin redirects). */
  keyHeader: string;
  limiter: RateLimiter | undefined;
  retry: Required<Omit<RetryOptions, "onRetry">> & Pick<RetryOptions, "onRetry">;
  timeoutMs: number;
  /** Value of `x-respect-review-settings` on mutations, when set. */
  respectReviewSettings: string | undefined;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MUTATIONS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

interface Attempt {
  url: string;
  method: string;
  headers: Headers;
  body: ArrayBuffer | undefined;
  /** openapi-fetch's Request, when it can be sent unchanged (no body to replay, no header to add). */
  request: Request | undefined;
  deadline: Deadline | undefined;
  callerSignal: AbortSignal | undefined;
}

/**
 * The fetch that openapi-fetch calls: one logical request in, one response out, after quota,
 * per-attempt timeouts, safe retries and redirects handled by hand (Node's fetch would keep the
 * API key on a cross-origin redirect). Transport failures leave as typed errors.
 */
export function createTransport(
  options: TransportOptions,
): (request: Request, call?: CallContext) => Promise<Response> {
  const { retry, limiter } = options;
  return async function transport(request: Request, call?: CallContext): Promise<Response> {
    const method = request.method;
    const context: ErrorContext = { method, path: call?.path ?? new URL(request.url).pathname, url: request.url };
    const callerSignal = call ? call.callerSignal : request.signal;
    const mutation = MUTATIONS.has(method);
    let headers = request.headers;
    if (options.respectReviewSettings !== undefined && mutation && !headers.has("x-respect-review-settings")) {
      headers = new Headers(headers);
      headers.set("x-respect-review-settings", options.respectReviewSettings);
    }
    // Buffered once so that every attempt replays the same bytes.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const reusable = call?.deadline !== undefined && body === undefined && headers === request.headers;
    const bucket = mutation ? limiter?.bucketFor(method, new URL(request.url).pathname) : undefined;
    const aborted = () =>
      new AbortError(`${method} ${context.path} was aborted`, context, { cause: callerSignal?.reason });

    for (let attempt = 0; ; attempt++) {
      // Every attempt sent, retries included, takes quota.
      const release = bucket ? await bucket.acquire(callerSignal, aborted) : undefined;
      // A fresh deadline per attempt; the first one was made with the Request.
      const deadline = attempt === 0 && call ? call.deadline : startDeadline(callerSignal, options.timeoutMs);
      let response: Response | undefined;
      let failure: StatsigConsoleError | undefined;
      let outcome: Parameters<typeof isRetryable>[1];
      try {
        const first = attempt === 0 && reusable ? request : undefined;
        response = await send(
          { url: request.url, method, headers, body, request: first, deadline, callerSignal },
          options,
          context,
        );
        outcome = response.status;
      } catch (error) {
        failure = error instanceof StatsigConsoleError ? error : new ConnectionError(String(error), context);
        outcome = failure instanceof TimeoutError ? "timeout" : notSent(failure) ? "not-sent" : "connection";
      } finally {
        release?.();
      }
      const retryAfter = response?.status === 429 ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
      const canRetry =
        !(failure instanceof AbortError) &&
        attempt < retry.maxRetries &&
        isRetryable(method, outcome) &&
        (retryAfter === undefined || retryAfter <= retry.maxRetryAfterMs);
      if (response?.status === 429 && bucket) {
        // The whole bucket waits, not just this request: hammering after a 429 spends more quota.
        bucket.pause(retryAfter ?? backoffDelay(attempt + 1, retry.baseDelayMs, retry.maxDelayMs));
      }
      if (!canRetry && response) {
        // The deadline keeps covering the body, which openapi-fetch reads next; the client's method releases it.
        if (call) call.done = deadline?.clear;
        return response;
      }
      deadline?.clear();
      if (!canRetry) throw failure;
      const delayMs = retryAfter ?? backoffDelay(attempt + 1, retry.baseDelayMs, retry.maxDelayMs);
      const reason = typeof outcome === "number" || outcome === "timeout" ? outcome : "connection";
      retry.onRetry?.({ method, path: context.path, attempt: attempt + 1, delayMs, reason });
      await response?.body?.cancel().catch(() => {});
      await sleep(delayMs, callerSignal, aborted);
    }
  };
}

/** One attempt, following redirects by hand. */
async function send(attempt: Attempt, options: TransportOptions, context: ErrorContext): Promise<Response> {
  const signal = attempt.deadline?.signal ?? attempt.callerSignal;
  let { url, method, headers, body, request } = attempt;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await (request
        ? options.fetch(request)
        : options.fetch(url, { method, headers, body, signal, redirect: "manual" }));
    } catch (error) {
      const at = { ...context, url };
      if (attempt.callerSignal?.aborted)
        throw new AbortError(`${method} ${context.path} was aborted`, at, { cause: error });
      if (attempt.deadline?.expired()) {
        throw new TimeoutError(`${method} ${context.path} timed out after ${options.timeoutMs} ms`, at, {
          cause: error,
        });
      }
      throw new ConnectionError(`${method} ${context.path} could not connect: ${describe(error)}`, at, {
        cause: error,
      });
    }
    request = undefined;
    if (response.type === "opaqueredirect") {
      throw new ConnectionError(`${method} ${context.path} was redirected, and this runtime hides where to`, context);
    }
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (!location) return response;
    if (hop >= MAX_REDIRECTS) throw new ConnectionError(`${method} ${context.path}: too many redirects`, context);
    await response.body?.cancel().catch(() => {});
    const next = new URL(location, url);
    if (next.origin !== options.origin) {
      // The key is for the API's origin only.
      headers = new Headers(headers);
      headers.delete(options.keyHeader);
    }
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
      headers = new Headers(headers);
      headers.delete("content-type");
    }
    url = next.href;
  }
}

/** Failures where the request provably never left: safe to repeat even for POST/PATCH. */
function notSent(error: StatsigConsoleError): boolean {
  const code = errorCode(error.cause);
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

function errorCode(error: unknown): string | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function describe(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} (${message})` : message;
}
