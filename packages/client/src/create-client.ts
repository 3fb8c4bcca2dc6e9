import type { paths } from "@org/statsig-console-types";
import createClient from "openapi-fetch";
import { API_KEY_HEADER } from "./auth-middleware.js";
import { resolveOptions, type StatsigConsoleClientOptions, sender } from "./client-options.js";
import type { StatsigConsoleClient } from "./client-types.js";
import { ConfigurationError } from "./errors.js";
import type { Middleware } from "./fetch-types.js";
import { startCall } from "./internal/call-loop.js";
import { MUTATIONS } from "./rate-limiter.js";

export type { StatsigConsoleClient, StatsigConsoleClientOptions };

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
/**
 * A Console API client: openapi-fetch's `client.GET(path, init)` returning `{ data, error, response }`
 * (plus `method`, `path` and `mayHaveBeenApplied`), with auth, quota, safe retries, per-request
 * timeouts and typed errors built in. Throws ConfigurationError at once for options that cannot work.
 */
export function createStatsigConsoleClient(options: StatsigConsoleClientOptions = {}): StatsigConsoleClient {
  const config = resolveOptions(options);
  // The headers are decided here, once: a mutation's may add the review header, so mutations have their own base.
  const reads = createClient<paths>({ baseUrl: config.baseUrl, headers: config.headers });
  const writes =
    config.mutationHeaders === config.headers
      ? reads
      : createClient<paths>({ baseUrl: config.baseUrl, headers: config.mutationHeaders });
  const bases = writes === reads ? [reads] : [reads, writes];
  const client: Record<string, unknown> = {
    ...reads,
    use: (...middleware: Middleware[]) => {
      // openapi-fetch refuses a bad middleware after adding the ones before it: refused here first, no base gets any.
      try {
        createClient().use(...middleware);
      } catch (error) {
        throw new ConfigurationError((error as Error).message);
      }
      for (const base of bases) base.use(...middleware);
    },
    eject: (...middleware: Middleware[]) => {
      for (const base of bases) base.eject(...middleware);
    },
  };
  if (options.validateResponses) (client.use as (m: Middleware) => void)(options.validateResponses);
  for (const method of METHODS) {
    const base = MUTATIONS.has(method) ? writes : reads;
    const call = base[method] as unknown as (path: string, init: object) => Promise<{ response: Response }>;
    client[method] = async (path: string, options?: Record<string, unknown> | null) => {
      // openapi-fetch takes null for "no options" too.
      const init = options ?? {};
      const callerSignal = (init.signal ?? undefined) as AbortSignal | undefined;
      const env = {
        fetch: init.fetch ? sender(init.fetch as (input: Request) => Promise<Response>) : config.fetch,
        origin: config.origin,
        keyHeader: API_KEY_HEADER,
        limiter: config.limiter,
        timeoutMs: config.timeoutMs,
        callerSignal,
        stream: init.parseAs === "stream",
      };
      // One owner per call: openapi-fetch builds the request (and runs middleware); the call's loop sends it.
      const owner = startCall(env, config.retry, method, path);
      try {
        // The caller's signal stays with the loop: a Request built with it would keep a listener on it.
        const result = await call(path, { ...init, signal: undefined, fetch: owner.fetch });
        return { ...result, method, path, mayHaveBeenApplied: owner.mayHaveBeenApplied };
      } catch (error) {
        throw owner.toError(error);
      }
    };
  }
  // openapi-fetch's generic `request(method, path, init)` goes through the same wrapped methods.
  client.request = (method: string, path: string, init?: object) => {
    const name = String(method).toUpperCase();
    const send = client[name] as ((p: string, i?: object) => unknown) | undefined;
    return send ? send(path, init) : Promise.reject(new ConfigurationError(`unknown method ${name}`));
  };
  return client as unknown as StatsigConsoleClient;
}
