import { resolveApiKey } from "./api-key.js";
import type { Middleware } from "./fetch-types.js";

export const API_KEY_HEADER = "STATSIG-API-KEY";
export const API_VERSION_HEADER = "STATSIG-API-VERSION";
export const DEFAULT_API_VERSION = "20240601";

export interface AuthOptions {
  /** Console API key (`console-...`). Default: `STATSIG_CONSOLE_API_KEY` from the environment. */
  apiKey?: string;
  /** Sent as `STATSIG-API-VERSION`. Default "20240601"; `null` omits the header. */
  apiVersion?: string | null;
}

/** The headers every Console API request carries. Validates the key first (see resolveApiKey). */
export function authHeaders(options: AuthOptions): Record<string, string> {
  const headers: Record<string, string> = { [API_KEY_HEADER]: resolveApiKey(options.apiKey) };
  const version = options.apiVersion === undefined ? DEFAULT_API_VERSION : options.apiVersion;
  if (version !== null) headers[API_VERSION_HEADER] = version;
  return headers;
}

/**
 * Auth as an openapi-fetch middleware, for your own `createClient<paths>()`. It only sets headers:
 * pair it with `redirect: "manual"` (or this package's client) if redirects may leave the API's origin.
 */
export function authMiddleware(options: AuthOptions = {}): Middleware {
  const headers = Object.entries(authHeaders(options));
  return {
    onRequest({ request }) {
      for (const [name, value] of headers) request.headers.set(name, value);
      return request;
    },
  };
}
