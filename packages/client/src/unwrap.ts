import { apiErrorFor } from "./errors.js";
import { contextOf } from "./response-context.js";
import { parseRetryAfter } from "./retry-policy.js";

/** The `{ data, error, response }` shape openapi-fetch returns. */
export interface FetchResult<D = unknown> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The data type of a result's success branch. */
export type SuccessData<T extends FetchResult> = Exclude<T["data"], undefined>;

/**
 * Opt-in throwing: resolves to `data`, or throws the typed error for the status (BadRequestError,
 * AuthenticationError, NotFoundError, RateLimitError, InternalServerError...).
 *
 * @example const { data: gates } = await unwrap(client.GET("/console/v1/gates"));
 */
export function unwrap<D>(result: PromiseLike<FetchResult<D>>): Promise<Exclude<D, undefined>>;
export function unwrap<D>(result: FetchResult<D>): Promise<Exclude<D, undefined>>;
// Overloads rather than `T | Promise<T>`: inferring through that union cost consumers ~30 ms of type-checking per call.
export async function unwrap<D>(result: FetchResult | PromiseLike<FetchResult>): Promise<Exclude<D, undefined>> {
  const { data, error, response } = await result;
  if (error !== undefined || !response.ok) {
    const retryAfterMs = response.status === 429 ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
    throw apiErrorFor(response.status, error, contextOf(response), response.headers, retryAfterMs);
  }
  return data as Exclude<D, undefined>;
}
