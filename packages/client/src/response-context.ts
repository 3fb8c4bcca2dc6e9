import type { ErrorContext } from "./errors.js";

/**
 * What each response answered (method + path template), recorded by the client's methods so that
 * `unwrap` and `paginate` can build precise errors from a plain openapi-fetch result.
 */
export const responseContexts = new WeakMap<Response, ErrorContext>();

export function contextOf(response: Response, fallbackMethod = "GET"): ErrorContext {
  return (
    responseContexts.get(response) ?? { method: fallbackMethod, path: safePathname(response.url), url: response.url }
  );
}

function safePathname(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
