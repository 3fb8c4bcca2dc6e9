import type { QuotaSlots } from "../quota-store.js";
import type { RateLimiter } from "../rate-limiter.js";
import { startAttemptSignal } from "./attempt-signal.js";
import type { Failure } from "./make-error.js";
import { describeFailure, neverSent, undecodable } from "./network-failure.js";
import { ReadResponse } from "./read-response.js";
import { redirectStep } from "./redirect.js";

/** Credentials besides the key that fetch drops on a redirect to another origin: here, for any other origin. */
const CREDENTIALS = ["authorization", "cookie", "proxy-authorization"];

/** What every request of one call is sent with. */
export interface SendEnv {
  /** Sends one request: `input` (openapi-fetch's Request, or a redirect's URL) with this attempt's init. */
  fetch: (input: Request | string, init: RequestInit) => Promise<Response>;
  /** The configured origin: the only one the key is ever sent to. */
  origin: string;
  keyHeader: string;
  limiter: RateLimiter | undefined;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
  /** `parseAs: "stream"`: the caller reads a success's body, so it is neither buffered nor timed here. */
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
    if (target.origin !== env.origin) {
      // Credentials are for the configured origin only, whatever a per-call baseUrl, a middleware or a redirect says.
      headers = new Headers(headers);
      for (const name of [env.keyHeader, ...CREDENTIALS]) headers.delete(name);
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
    // The first hop is openapi-fetch's request (cache, credentials, keepalive...) with this attempt's own init; later
    // hops only have a URL. fetch builds the one Request that goes out.
    const init = { method, headers, body, signal: timer.signal, redirect: "manual" as const };
    let response: Response;
    try {
      response = await env.fetch(hop === 0 ? first.request : url, init);
    } catch (error) {
      // A request refused before it left changed nothing and uses no quota.
      const sent = !neverSent(error);
      release?.(sent);
      applied ||= sent;
      return failed(error, "");
    }
    release?.();
    const { status } = response;
    applied ||= status < 400 || status >= 500;
    const step = redirectStep({
      status,
      type: response.type,
      headers: response.headers,
      mode: first.request.redirect,
      hop,
      url,
      method,
    });
    try {
      // Read to the end here, under this request's timeout; openapi-fetch then reads these bytes (no tee, no clone).
      // A stream is the caller's to read only on success: openapi-fetch reads an error's body itself, so it is read here.
      if (step.kind !== "final") await response.body?.cancel();
      else if (!env.stream || !response.ok) response = await readOnce(response);
    } catch (error) {
      if (step.kind === "final") return { ...failed(error, "reading the response: "), bucket };
    } finally {
      // With parseAs "stream" the caller reads a success's body whenever it likes: the timeout ends with the headers.
      timer.clear();
    }
    if (step.kind === "final") return result({ response, outcome: status, bucket });
    if (step.kind === "refused") return result({ failure: { kind: "connection", detail: step.detail }, bucket });
    url = step.url;
    method = step.method;
    if (step.dropBody) {
      body = undefined;
      headers = new Headers(headers);
      headers.delete("content-type");
    }
  }
}

/**
 * The response with its body read to the end, as a ReadResponse (same status, headers and URL; no body where fetch
 * gave none: HEAD, 204, 304). An answer the Response constructor refuses (a status above 599, a reason phrase outside
 * HTAB, SP, VCHAR and obs-text: fetch passes them on) is read through a clone instead.
 */
async function readOnce(response: Response): Promise<Response> {
  const { body, url } = response;
  let read: ReadResponse;
  try {
    // The answer itself is the init: its status, reason phrase and headers.
    read = new ReadResponse(null, response, url);
  } catch {
    await response.clone().arrayBuffer();
    return response;
  }
  return read.filled(body && (await response.arrayBuffer()));
}
