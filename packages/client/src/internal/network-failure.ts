/**
 * Codes of failures where the request provably never left this machine: nothing reached any server,
 * so even a POST may be sent again.
 */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export function neverSent(error: unknown): boolean {
  return NEVER_SENT.has(errorCode(error) ?? "");
}

/** The first `code` along an error's cause chain (undici wraps the system error in a TypeError). */
function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A body that arrived but cannot be decoded (a gzip header on a body that is not gzip): zlib's and brotli's codes.
 * Not transient, so not worth repeating.
 */
export function undecodable(error: unknown): boolean {
  return /^Z_|BROTLI/.test(errorCode(error) ?? "");
}

/** A short description of a network failure, e.g. "ECONNREFUSED (fetch failed)". */
export function describeFailure(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : text(error);
  return code ? `${code} (${message})` : message;
}

/** Anything may be thrown: an Error of another realm (String() gives its name and message), or a value String() refuses. */
function text(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "a value without a text form";
  }
}
