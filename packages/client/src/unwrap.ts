import { apiErrorFor } from "./errors.js";
import { contextOf } from "./response-context.js";
import { parseRetryAfter } from "./retry-policy.js";

/** The `{ data, error, response }` shape openapi-fetch returns. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The data type of a result's success branch. */
export type SuccessData<T extends FetchResult> = Exclude<T, { data?: never }>["data"];

/**
 * Opt-in throwing: resolves to `data`, or throws the typed error for the status (BadRequestError,
 * AuthenticationError, NotFoundError, RateLimitError, InternalServerError...).
 *
 * @example const { data: gates } = await unwrap(client.GET("/console/v1/gates"));
 */
export async function unwrap<T extends FetchResult>(result: T | Promise<T>): Promise<SuccessData<T>> {
  const { data, error, response } = await result;
  if (error !== undefined || !response.ok) {
    const retryAfterMs = response.status === 429 ? parseRetryAfter(response.headers.get("retry-after")) : undefined;
    throw apiErrorFor(response.status, error, contextOf(response), response.headers, retryAfterMs);
  }
  return data as SuccessData<T>;
}
