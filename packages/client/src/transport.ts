import { AbortError, ConnectionError, type ErrorContext, StatsigConsoleError, TimeoutError } from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import { backoffDelay, isRetryable, parseRetryAfter, type RetryOptions } from "./retry-policy.js";
import { sleep } from "./sleep.js";

/** Carries the path template from the client's methods to the transport (openapi-fetch copies unknown init keys onto the Request). */
export const PATH_TEMPLATE_KEY = "statsigPathTemplate";

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

/**
 * The fetch that openapi-fetch calls: one logical request in, one response out, after quota,
 * per-attempt timeouts, safe retries and redirects handled by hand (Node's fetch would keep the
 * API key on a cross-origin redirect). Transport failures leave as typed errors.
 */
export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  const { retry, limiter } = options;
  return async function transport(request: Request): Promise<Response> {
    const method = request.method;
    const context: ErrorContext = {
      method,
      path:
        (request as unknown as Record<string, string | undefined>)[PATH_TEMPLATE_KEY] ?? new URL(request.url).pathname,
      url: request.url,
    };
    const callerSignal = request.signal;
    const headers = new Headers(request.headers);
    if (
      options.respectReviewSettings !== undefined &&
      MUTATIONS.has(method) &&
      !headers.has("x-respect-review-settings")
    ) {
      headers.set("x-respect-review-settings", options.respectReviewSettings);
    }
    // Buffered once so that every attempt replays the same bytes.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const bucket = limiter?.bucketFor(method, new URL(request.url).pathname);
    const aborted = () =>
      new AbortError(`${method} ${context.path} was aborted`, context, { cause: callerSignal.reason });

    for (let attempt = 0; ; attempt++) {
      // Every attempt sent, retries included, takes quota.
      const release = bucket ? await bucket.acquire(callerSignal, aborted) : undefined;
      let response: Response | undefined;
      let failure: StatsigConsoleError | undefined;
      let outcome: Parameters<typeof isRetryable>[1];
      try {
        response = await sendFollowingRedirects(request.url, method, headers, body, callerSignal, options, context);
        outcome = response.status;
      } catch (error) {
        failure = error instanceof StatsigConsoleError ? error : new ConnectionError(String(error), context);
        outcome = failure instanceof TimeoutError ? "timeout" : notSent(failure) ? "not-sent" : "connection";
      } finally {
        release?.();
      }
      if (failure instanceof AbortError) throw failure;
      const retryAfter = response?.status === 429 ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
      const canRetry =
        attempt < retry.maxRetries &&
        isRetryable(method, outcome) &&
        (retryAfter === undefined || retryAfter <= retry.maxRetryAfterMs);
      if (response?.status === 429 && bucket) {
        // The whole bucket waits, not just this request: hammering after a 429 spends more quota.
        bucket.pause(retryAfter ?? backoffDelay(attempt + 1, retry.baseDelayMs, retry.maxDelayMs));
      }
      if (!canRetry) {
        if (failure) throw failure;
        return response as Response;
      }
      const delayMs = retryAfter ?? backoffDelay(attempt + 1, retry.baseDelayMs, retry.maxDelayMs);
      const reason = typeof outcome === "number" || outcome === "timeout" ? outcome : "connection";
      retry.onRetry?.({ method, path: context.path, attempt: attempt + 1, delayMs, reason });
      await response?.body?.cancel().catch(() => {});
      await sleep(delayMs, callerSignal, aborted);
    }
  };
}

/** One attempt: its own deadline, combined with the caller's signal; redirects followed by hand. */
async function sendFollowingRedirects(
  url: string,
  method: string,
  headers: Headers,
  body: ArrayBuffer | undefined,
  callerSignal: AbortSignal,
  options: TransportOptions,
  context: ErrorContext,
): Promise<Response> {
  const deadline = options.timeoutMs > 0 ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const signal = deadline ? AbortSignal.any([callerSignal, deadline]) : callerSignal;
  let currentUrl = url;
  let currentMethod = method;
  let currentHeaders = headers;
  let currentBody = body;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await options.fetch(currentUrl, {
        method: currentMethod,
        headers: currentHeaders,
        body: currentBody,
        signal,
        redirect: "manual",
      });
    } catch (error) {
      const at = { ...context, url: currentUrl };
      if (callerSignal.aborted) throw new AbortError(`${method} ${context.path} was aborted`, at, { cause: error });
      if (deadline?.aborted) {
        throw new TimeoutError(`${method} ${context.path} timed out after ${options.timeoutMs} ms`, at, {
          cause: error,
        });
      }
      throw new ConnectionError(`${method} ${context.path} could not connect: ${describe(error)}`, at, {
        cause: error,
      });
    }
    if (response.type === "opaqueredirect") {
      throw new ConnectionError(`${method} ${context.path} was redirected, and this runtime hides where to`, context);
    }
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (!location) return response;
    if (hop >= MAX_REDIRECTS) throw new ConnectionError(`${method} ${context.path}: too many redirects`, context);
    await response.body?.cancel().catch(() => {});
    const next = new URL(location, currentUrl);
    if (next.origin !== options.origin) {
      // The key is for the API's origin only.
      currentHeaders = new Headers(currentHeaders);
      currentHeaders.delete(options.keyHeader);
    }
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === "POST")) {
      currentMethod = "GET";
      currentBody = undefined;
      currentHeaders = new Headers(currentHeaders);
      currentHeaders.delete("content-type");
    }
    currentUrl = next.href;
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
