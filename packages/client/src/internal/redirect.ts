const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** What one answer means for the attempt, decided from its facts alone. */
export type RedirectStep =
  /** Not a redirect this loop follows: the answer is the attempt's. */
  | { kind: "final" }
  /** A redirect that cannot be followed: the attempt fails with this detail. */
  | { kind: "refused"; detail: string }
  /** Send the next hop: to `url`, with `method`; `dropBody` as fetch does after a 303 (or a 301/302 after a POST). */
  | { kind: "follow"; url: string; method: string; dropBody: boolean };

export interface Answer {
  status: number;
  /** The Response's `type`: "opaqueredirect" where the runtime hides the redirect (browsers). */
  type: string;
  /** The answer's headers: `location` is read only for a redirect status (on every request's path). */
  headers: Headers;
  /** The caller's `redirect` mode: "follow" is done by hand here; "manual" hands the redirect back as is. */
  mode: RequestRedirect;
  /** Hops already followed in this attempt. */
  hop: number;
  url: string;
  method: string;
}

export function redirectStep(answer: Answer): RedirectStep {
  const { status, type, mode, hop, method } = answer;
  const location = REDIRECTS.has(status) ? answer.headers.get("location") : null;
  if (type !== "opaqueredirect" && (location === null || mode === "manual")) return { kind: "final" };
  if (type === "opaqueredirect") return { kind: "refused", detail: "was redirected where this runtime hides" };
  if (mode === "error") return { kind: "refused", detail: `was redirected (redirect: "error")` };
  if (hop >= MAX_REDIRECTS) return { kind: "refused", detail: `was redirected more than ${MAX_REDIRECTS} times` };
  let next: URL;
  try {
    next = new URL(location as string, answer.url);
  } catch {
    return { kind: "refused", detail: "was redirected to a bad Location" };
  }
  // fetch refuses any other scheme; followed by hand, a `data:` URL would answer as if it were the API.
  if (!/^https?:$/.test(next.protocol)) return { kind: "refused", detail: "was redirected to a non-http(s) URL" };
  const toGet = (status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST");
  return { kind: "follow", url: next.href, method: toGet ? "GET" : method, dropBody: toGet };
}
