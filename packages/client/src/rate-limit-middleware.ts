import type { Middleware } from "./fetch-types.js";
import { makeError } from "./internal/make-error.js";
import { parseRetryAfter } from "./internal/retry-after.js";
import { backoffDelay } from "./internal/retry-policy.js";
import type { ReleaseSlot } from "./rate-limiter.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";

/**
 * How long a slot is held when openapi-fetch never reports back: another middleware threw in
 * onRequest or onResponse, or answered from onRequest, so neither onResponse nor onError runs here.
 */
const SLOT_LEASE_MS = 60_000;
/** The longest a 429 pauses the bucket, as the client's default maxRetryAfterMs. */
const MAX_PAUSE_MS = 60_000;

/**
 * The quota as an openapi-fetch middleware, for your own `createClient<paths>()`: mutations wait
 * for room in every window before they are sent, and a 429 pauses the request's whole bucket.
 * Every slot is released: on the response, on a fetch error, or, when another middleware cut the
 * request short so that neither is reported, after 60 s. (This package's client does not use it:
 * its own loop takes a slot per request sent, retries and redirects included.)
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
      if (!bucket) return undefined;
      const context = { method: request.method, path: schemaPath, mayHaveBeenApplied: false };
      const slot = await bucket
        .acquire(request.signal, () => makeError({ kind: "abort", cause: request.signal.reason }, context))
        .catch((error: unknown) => {
          // A store that could not grant a slot (Redis down): typed, and the request is not sent.
          const detail = "no quota slot";
          throw request.signal.aborted ? error : makeError({ kind: "connection", detail, cause: error }, context);
        });
      const lease = setTimeout(() => release(id), SLOT_LEASE_MS);
      // Where timers keep a process alive (Node, Bun, Deno), this safety net should not.
      (lease as { unref?: () => void }).unref?.();
      slots.set(id, () => {
        clearTimeout(lease);
        slot();
      });
      return undefined;
    },
    onResponse({ request, response, id }) {
      release(id);
      if (response.status === 429) {
        const bucket = limiter.bucketFor(request.method, new URL(request.url).pathname);
        const wait = parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(1, 1000, 8000);
        bucket?.pause(Math.min(wait, MAX_PAUSE_MS));
      }
      return undefined;
    },
    onError({ id }) {
      release(id);
      return undefined;
    },
  };
}
