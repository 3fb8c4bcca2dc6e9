import { type ErrorContext, StatsigConsoleError } from "../errors.js";
import type { RateLimitEvent, RetryEvent } from "../retry-options.js";
import { type Failure, makeError } from "./make-error.js";
import { describeFailure } from "./network-failure.js";
import { parseRetryAfter } from "./retry-after.js";
import { backoffDelay, isRetryable } from "./retry-policy.js";
import { type SendEnv, sendAttempt } from "./send-attempt.js";
import { sleep } from "./sleep.js";

export interface LoopRetry {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  onRetry: ((event: RetryEvent) => void) | undefined;
  onRateLimit: ((event: RateLimitEvent) => boolean | undefined | Promise<boolean | undefined>) | undefined;
}

/** One call of the client: the fetch it hands openapi-fetch, and what it knows for errors. */
export interface Call {
  /** The fetch openapi-fetch calls once: it runs every attempt of the call. */
  fetch(request: Request): Promise<Response>;
  /** Whether any attempt so far may have changed something on the server. */
  readonly mayHaveBeenApplied: boolean;
  /** Whatever escaped openapi-fetch (its JSON parse, a middleware), as a typed error of this call. */
  toError(thrown: unknown): StatsigConsoleError;
}

/**
 * The loop that owns every attempt of one call (openai-node's makeRequest as the model): send an
 * attempt, decide whether it may be repeated, pause the bucket on a 429, wait, repeat. Nothing is
 * shared with other calls except the limiter; errors are built from this call's own facts.
 */
export function startCall(env: SendEnv, retry: LoopRetry, method: string, path: string): Call {
  let applied = false;
  let answered = false;
  let url: string | undefined;
  const fail = (failure: Failure): StatsigConsoleError => makeError(failure, context());
  const context = (): ErrorContext => ({ method, path, url, mayHaveBeenApplied: applied });
  return {
    get mayHaveBeenApplied() {
      return applied;
    },
    toError(thrown) {
      if (thrown instanceof StatsigConsoleError) return thrown;
      // openapi-fetch parses only once the loop has answered; a SyntaxError before that is a middleware's.
      if (thrown instanceof SyntaxError && answered) {
        return fail({ kind: "parse", detail: "the body is not valid JSON", cause: thrown });
      }
      return fail({ kind: "connection", detail: describeFailure(thrown), cause: thrown });
    },
    async fetch(request) {
      url = request.url;
      // Buffered once: every attempt (and every 307/308 hop) replays the same bytes.
      const body = request.body ? await request.arrayBuffer() : undefined;
      const first = { request, method: request.method, headers: request.headers, body };
      for (let attempt = 1; ; attempt++) {
        const sent = await sendAttempt(first, env);
        url = sent.url;
        applied ||= sent.mayHaveBeenApplied;
        const { response, failure, outcome } = sent;
        const status = response?.status;
        const retryAfterMs = status === 429 ? parseRetryAfter(response?.headers.get("retry-after") ?? null) : undefined;
        const delayMs = Math.min(
          retryAfterMs ?? backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs),
          retry.maxRetryAfterMs,
        );
        // The whole bucket waits, not just this call: hammering after a 429 spends more quota.
        if (status === 429) sent.bucket?.pause(delayMs);
        const allowed = outcome !== undefined && isRetryable(request.method, outcome, sent.mayHaveBeenApplied);
        let again =
          allowed &&
          attempt <= retry.maxRetries &&
          (retryAfterMs === undefined || retryAfterMs <= retry.maxRetryAfterMs);
        if (status === 429 && allowed && retry.onRateLimit) {
          // The caller decides (Octokit's onRateLimit): true retries, false gives up, nothing keeps the default.
          const decision = await retry.onRateLimit({ method, path, attempt, retryAfterMs, delayMs });
          if (typeof decision === "boolean") again = decision;
        }
        if (!again) {
          answered = !!response;
          if (response) return response;
          throw fail(failure as Failure);
        }
        // A retried outcome is a status (429, 5xx) or the kind of failure: the event's reason as is.
        retry.onRetry?.({ method, path, attempt, delayMs, reason: outcome as RetryEvent["reason"] });
        await response?.body?.cancel().catch(() => {});
        await sleep(delayMs, env.callerSignal, () => fail({ kind: "abort", cause: env.callerSignal?.reason }));
      }
    },
  };
}
