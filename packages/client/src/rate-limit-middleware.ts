import type { Middleware } from "openapi-fetch";
import { AbortError } from "./errors.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { backoffDelay, parseRetryAfter } from "./retry-policy.js";

/**
 * The quota as an openapi-fetch middleware, for your own `createClient<paths>()`: mutations wait
 * for room in every window before they are sent, and a 429 pauses the request's whole bucket.
 * (This package's client applies the same limiter per attempt, retries included.)
 */
export function rateLimitMiddleware(limiter: RateLimiter = createRateLimiter()): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      const bucket = limiter.bucketFor(request.method, new URL(request.url).pathname);
      if (bucket) {
        await bucket.acquire(request.signal, () => new AbortError(`${request.method} ${schemaPath} was aborted`, { method: request.method, path: schemaPath }));
      }
      return undefined;
    },
    onResponse({ request, response }) {
      if (response.status !== 429) return undefined;
      const bucket = limiter.bucketFor(request.method, new URL(request.url).pathname);
      bucket?.pause(parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(1, 1000, 8000));
      return undefined;
    },
  };
}
