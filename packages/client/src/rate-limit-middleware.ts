import type { Middleware } from "openapi-fetch";
import { AbortError } from "./errors.js";
import type { ReleaseSlot } from "./quota-bucket.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { backoffDelay, parseRetryAfter } from "./retry-policy.js";

/**
 * The quota as an openapi-fetch middleware, for your own `createClient<paths>()`: mutations wait
 * for room in every window before they are sent, and a 429 pauses the request's whole bucket.
 * (This package's client applies the same limiter per attempt, retries included.)
 */
export function rateLimitMiddleware(limiter: RateLimiter = createRateLimiter()): Middleware {
  const slots = new Map<string, ReleaseSlot>();
  const release = (id: string) => {
    slots.get(id)?.();
    slots.delete(id);
  };
  return {
    async onRequest({ request, schemaPath, id }) {
      const bucket = limiter.bucketFor(request.method, new URL(request.url).pathname);
      if (bucket) {
        const context = { method: request.method, path: schemaPath };
        slots.set(
          id,
          await bucket.acquire(
            request.signal,
            () => new AbortError(`${request.method} ${schemaPath} was aborted`, context),
          ),
        );
      }
      return undefined;
    },
    onResponse({ request, response, id }) {
      release(id);
      if (response.status === 429) {
        const bucket = limiter.bucketFor(request.method, new URL(request.url).pathname);
        bucket?.pause(parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(1, 1000, 8000));
      }
      return undefined;
    },
    onError({ id }) {
      release(id);
      return undefined;
    },
  };
}
