import type { RateLimiter } from "../rate-limiter.js";
import { startAttemptSignal } from "./attempt-signal.js";
import type { Failure } from "./make-error.js";
import { describeFailure, neverSent } from "./network-failure.js";
import type { QuotaBucket } from "./quota-bucket.js";

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
  bucket?: QuotaBucket | undefined;
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
  for (let hop = 0; ; hop++) {
    const target = new URL(url);
    if (target.origin !== env.origin && headers.has(env.keyHeader)) {
      // The key is for the configured origin only, whatever a per-call baseUrl, a middleware or a redirect says.
      headers = new Headers(headers);
      headers.delete(env.keyHeader);
    }
    const bucket = env.limiter?.bucketFor(method, target.pathname);
    const release = await bucket?.acquire(env.callerSignal).catch(() => null);
    if (release === null || env.callerSignal?.aborted) {
      release?.();
      return result({ failure: { kind: "abort", cause: env.callerSignal?.reason } });
    }
    const timer = startAttemptSignal(env.callerSignal, env.timeoutMs);
    const failed = (error: unknown, reading: string): AttemptResult => {
      timer.clear();
      if (env.callerSignal?.aborted) return result({ failure: { kind: "abort", cause: env.callerSignal.reason } });
      if (timer.timedOut()) {
        return result({ failure: { kind: "timeout", timeoutMs: env.timeoutMs, cause: error }, outcome: "timeout" });
      }
      return result({
        failure: { kind: "connection", detail: `${reading}${describeFailure(error)}`, cause: error },
        outcome: "connection",
      });
    };
    // The first hop copies openapi-fetch's request (cache, credentials, keepalive...); later hops only have a URL.
    const init = { method, headers, body, signal: timer.signal, redirect: "manual" as const };
    const outgoing = new Request(hop === 0 ? first.request : url, init);
    inFlight.add(outgoing);
    let response: Response;
    try {
      response = await env.fetch(outgoing);
    } catch (error) {
      inFlight.delete(outgoing);
      release?.();
      // A request refused before it left changed nothing; anything else may have reached the server.
      applied ||= !neverSent(error);
      return failed(error, "");
    }
    release?.();
    const { status } = response;
    applied ||= status < 400 || status >= 500;
    const location = REDIRECTS.has(status) ? response.headers.get("location") : null;
    const mode = first.request.redirect;
    if (response.type === "opaqueredirect" || (location !== null && mode !== "manual")) {
      inFlight.delete(outgoing);
      timer.clear();
      await response.body?.cancel().catch(() => {});
      const refused =
        response.type === "opaqueredirect"
          ? "was redirected, and this runtime hides where to"
          : mode === "error"
            ? `was redirected to ${location} (redirect: "error")`
            : hop >= MAX_REDIRECTS
              ? `was redirected more than ${MAX_REDIRECTS} times`
              : undefined;
      if (refused) return result({ failure: { kind: "connection", detail: refused }, bucket });
      url = new URL(location as string, url).href;
      if ((status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
        // As fetch does: a 303 (and a 301/302 after a POST) is fetched with GET and no body.
        method = "GET";
        body = undefined;
        headers = new Headers(headers);
        headers.delete("content-type");
      }
      continue;
    }
    if (env.stream) {
      // The caller reads the stream, whenever it likes: the timeout and the link to its signal end here.
      inFlight.delete(outgoing);
      timer.clear();
      return result({ response, outcome: status, bucket });
    }
    try {
      // Reading a clone to the end buffers the body in the response openapi-fetch reads next.
      await response.clone().arrayBuffer();
    } catch (error) {
      return { ...failed(error, "reading the response: "), bucket };
    } finally {
      inFlight.delete(outgoing);
    }
    timer.clear();
    return result({ response, outcome: status, bucket });
  }
}
