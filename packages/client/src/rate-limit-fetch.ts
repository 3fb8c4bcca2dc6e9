import { makeError } from "./internal/make-error.js";
import { neverSent } from "./internal/network-failure.js";
import { parseRetryAfter } from "./internal/retry-after.js";
import { backoffDelay } from "./internal/retry-policy.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";

/** The longest a 429 pauses the bucket, as the client's default maxRetryAfterMs. */
const MAX_PAUSE_MS = 60_000;

type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * The quota as a `fetch` for your own openapi-fetch client: `createClient<paths>({ fetch: rateLimitFetch(limiter) })`.
 * Mutations wait for room in every window before they are sent, and a 429 pauses the request's whole bucket.
 *
 * A fetch rather than a middleware: only a request that really goes out takes a slot, and the slot is given back
 * when that fetch settles. A middleware holds its slot across the other middlewares, and openapi-fetch reports
 * nothing back when one of them throws or answers from `onRequest`, so the slot would be stranded.
 * (This package's own client does not use it: its loop takes a slot per request sent, retries and redirects included.)
 */
export function rateLimitFetch(limiter: RateLimiter = createRateLimiter(), fetch?: Fetch): Fetch {
  return async (input, init) => {
    // What goes out is `input` with `init` over it: init's method and signal win, as in fetch itself.
    const request = input instanceof Request ? input : new Request(input, init);
    const method = init?.method?.toUpperCase() ?? request.method;
    const signal = init?.signal ?? request.signal;
    const path = new URL(request.url).pathname;
    const bucket = limiter.bucketFor(method, path);
    const send = fetch ?? globalThis.fetch;
    if (!bucket) return send(input, init);
    const context = { method, path, mayHaveBeenApplied: false };
    const release = await bucket
      .acquire(signal ?? undefined, () => makeError({ kind: "abort", cause: signal?.reason }, context))
      .catch((error: unknown) => {
        // A store that could not grant a slot (Redis down): typed, and the request is not sent.
        throw signal?.aborted
          ? error
          : makeError({ kind: "connection", detail: "no quota slot", cause: error }, context);
      });
    let response: Response;
    try {
      response = await send(input, init);
    } catch (error) {
      release(!neverSent(error));
      throw error;
    }
    release();
    if (response.status === 429) {
      const wait = parseRetryAfter(response.headers.get("retry-after")) ?? backoffDelay(1, 1000, 8000);
      bucket.pause(Math.min(wait, MAX_PAUSE_MS));
    }
    return response;
  };
}
