import { makeError } from "./internal/make-error.js";

/** The `{ data, error, response }` shape openapi-fetch returns; this client's results add the call's facts. */
export interface FetchResult<D = unknown> {
  data?: D;
  error?: unknown;
  response: Response;
  method?: string;
  path?: string;
  mayHaveBeenApplied?: boolean;
}

/** The data type of a result's success branch. */
export type SuccessData<T extends FetchResult> = Exclude<T["data"], undefined>;

/**
 * Opt-in throwing: resolves to `data`, or throws the typed error for the status (BadRequestError,
 * AuthenticationError, NotFoundError, RateLimitError, InternalServerError...).
 * On a plain openapi-fetch result the method is unknown (a Response does not say) and the path is the URL's.
 *
 * @example const { data: gates } = await unwrap(client.GET("/console/v1/gates"));
 */
export function unwrap<T extends FetchResult>(result: Promise<T>): Promise<SuccessData<T>>;
export function unwrap<D>(result: PromiseLike<FetchResult<D>>): Promise<Exclude<D, undefined>>;
export function unwrap<D>(result: FetchResult<D>): Promise<Exclude<D, undefined>>;
// Overloads rather than `T | Promise<T>`: inferring through that union cost consumers ~30 ms of type-checking per
// call. `Promise<T>` first: inferring from a Promise to a Promise reads its type argument, where PromiseLike is
// matched structurally through `then` (560 fewer types in the 20-call bench program).
export async function unwrap<D>(result: FetchResult | PromiseLike<FetchResult>): Promise<Exclude<D, undefined>> {
  const { data, error, response, method, path, mayHaveBeenApplied } = await result;
  if (error !== undefined || !response.ok) {
    const { status, headers, url } = response;
    throw makeError(
      { kind: "status", status, body: error, headers },
      {
        method,
        path: path ?? pathOf(url),
        url,
        // A plain result only has the status: a 5xx may have been applied, a 4xx was refused.
        mayHaveBeenApplied: mayHaveBeenApplied ?? status >= 500,
      },
    );
  }
  return data as Exclude<D, undefined>;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
