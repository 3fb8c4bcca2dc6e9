import type { QuotaSlots } from "../quota-store.js";
import type { RateLimiter } from "../rate-limiter.js";
import { startAttemptSignal } from "./attempt-signal.js";
import type { Failure } from "./make-error.js";
import { describeFailure, neverSent, undecodable } from "./network-failure.js";

/** What every request of one call is sent with. */
export interface SendEnv {
  fetch: (input: Request) => Promise<Response>;
  /** The configured origin: the only one the key is ever sent to. */
  origin: string;
  keyHeader: string;
  limiter: RateLimiter | undefined;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
  /** `parseAs: "stream"`: the caller reads the body, so it is neither buffered nor timed here. */
  stream: boolean;
}

export interface Hop {
  /** The request openapi-fetch built (after middleware): its URL, and the RequestInit fields (cache, credentials...) the first hop keeps. */
  request: Request;
  method: string;
  headers: Headers;
  body: ArrayBuffer | undefined;
}

/** One attempt: its response (body already read) or its failure, and what the server may have done. */
export interface AttemptResult {
  response?: Response;
  failure?: Failure;
  /** Why this attempt may be worth repeating; undefined when it may not (e.g. too many redirects). */
  outcome?: number | "timeout" | "connection";
  /** false only when no hop of this attempt can have changed anything (never sent, or refused with a 4xx). */
  mayHaveBeenApplied: boolean;
  /** The bucket of the last request sent, which a 429 pauses. */
  bucket?: QuotaSlots | undefined;
  url: string;
}

const MAX_REDIRECTS = 5;
/**
 * Requests in flight. undici links the signal we pass to a Request's own through a WeakRef: a
 * Request nobody references can be collected mid-flight, and then neither the timeout nor the
 * caller's abort reaches it (measured: a hanging server held such a fetch forever).
 */
const inFlight = new Set<Request>();
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one attempt, following redirects by hand. Every request sent, each hop included, takes its own
 * quota slot and its own timeout, started when it leaves (waiting for quota is not time on the request).
 * The final body is read here, under that timeout, so a reset or an abort while reading is this
 * attempt's outcome and can be retried or reported like any other.
 */
export async function sendAttempt(first: Hop, env: SendEnv): Promise<AttemptResult> {
  let { method, headers, body } = first;
  let url = first.request.url;
  let applied = false;
  const result = (rest: Omit<AttemptResult, "mayHaveBeenApplied" | "url">): AttemptResult => ({
    ...rest,
    mayHaveBeenApplied: applied,
    url,
  });
  const aborted = () => result({ failure: { kind: "abort", cause: env.callerSignal?.reason } });
  for (let hop = 0; ; hop++) {
    const target = new URL(url);
    if (target.origin !== env.origin && headers.has(env.keyHeader)) {
      // The key is for the configured origin only, whatever a per-call baseUrl, a middleware or a redirect says.
      headers = new Headers(headers);
      headers.delete(env.keyHeader);
    }
    const bucket = env.limiter?.bucketFor(method, target.pathname);
    // Rejected: aborted while queued, or a store (e.g. Redis) that could not grant a slot. Not sent either way.
    let noSlot: { cause: unknown } | undefined;
    const release = await bucket?.acquire(env.callerSignal).catch((cause: unknown) => {
      noSlot = { cause };
    });
    if (noSlot || env.callerSignal?.aborted) {
      release?.(false);
      return env.callerSignal?.aborted
        ? aborted()
        : result({ failure: { kind: "connection", detail: "no quota slot", ...noSlot } });
    }
    const timer = startAttemptSignal(env.callerSignal, env.timeoutMs);
    const failed = (error: unknown, reading: string): AttemptResult => {
      timer.clear();
      if (env.callerSignal?.aborted) return aborted();
      if (timer.timedOut()) {
        return result({ failure: { kind: "timeout", timeoutMs: env.timeoutMs, cause: error }, outcome: "timeout" });
      }
      const failure = { kind: "connection" as const, detail: `${reading}${describeFailure(error)}`, cause: error };
      // An answer that cannot be decoded will not decode better the second time.
      return result(undecodable(error) ? { failure } : { failure, outcome: "connection" });
    };
    // The first hop copies openapi-fetch's request (cache, credentials, keepalive...); later hops only have a URL.
    const init = { method, headers, body, signal: timer.signal, redirect: "manual" as const };
    let outgoing: Request | undefined;
    let response: Response;
    try {
      outgoing = new Request(hop === 0 ? first.request : url, init);
      inFlight.add(outgoing);
      response = await env.fetch(outgoing);
    } catch (error) {
      inFlight.delete(outgoing as Request);
      // A request refused before it left (or never built) changed nothing and uses no quota.
      const sent = outgoing !== undefined && !neverSent(error);
      release?.(sent);
      applied ||= sent;
      return failed(error, "");
    }
    release?.();
    const { status } = response;
    applied ||= status < 400 || status >= 500;
    const location = REDIRECTS.has(status) ? response.headers.get("location") : null;
    const mode = first.request.redirect;
    const redirected = response.type === "opaqueredirect" || (location !== null && mode !== "manual");
    try {
      // Read to the end here, under this request's timeout (a clone: openapi-fetch reads the original next).
      if (redirected) await response.body?.cancel();
      else if (!env.stream) await response.clone().arrayBuffer();
    } catch (error) {
      if (!redirected) return { ...failed(error, "reading the response: "), bucket };
    } finally {
      inFlight.delete(outgoing);
      // With parseAs "stream" the caller reads the body whenever it likes: the timeout ends with the headers.
      timer.clear();
    }
    if (!redirected) return result({ response, outcome: status, bucket });
    const refused =
      response.type === "opaqueredirect"
        ? "was redirected where this runtime hides"
        : mode === "error"
          ? `was redirected (redirect: "error")`
          : hop >= MAX_REDIRECTS
            ? `was redirected more than ${MAX_REDIRECTS} times`
            : undefined;
    let next: URL | undefined;
    try {
      next = new URL(location as string, url);
    } catch {}
    const detail = refused ?? (next ? undefined : "was redirected to a bad Location");
    if (detail) return result({ failure: { kind: "connection", detail }, bucket });
    url = (next as URL).href;
    if ((status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
      // As fetch does: a 303 (and a 301/302 after a POST) is fetched with GET and no body.
      method = "GET";
      body = undefined;
      headers = new Headers(headers);
      headers.delete("content-type");
    }
  }
}
