/**
 * The server's own words for a failed request, so that an error says what went wrong rather than
 * "failed with 422: HTTP 422": Statsig's `{ message, errors }`, problem+json's `detail`/`title` with
 * Prism's `validation` list, or a text body. Clipped: an error message is not a place for a whole page.
 */
export function serverMessage(body: unknown, status: number): string {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const main = text(b.message) ?? text(b.detail) ?? text(b.title);
    const details = problems(b.errors) ?? problems(b.validation);
    const said = main && details ? `${main}: ${details}` : (main ?? details);
    if (said) return clip(said);
  }
  if (typeof body === "string" && body.trim()) {
    return body.trimStart().startsWith("<") ? `non-JSON body (${body.length} bytes of HTML)` : clip(body.trim());
  }
  return `HTTP ${status}`;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** `["name is required"]`, or `[{ property|path|location, message }]` (class-validator, Prism). */
function problems(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map((item) => {
    if (typeof item !== "object" || item === null) return text(item);
    const e = item as Record<string, unknown>;
    const where = Array.isArray(e.location) ? e.location.join(".") : text(e.property ?? e.path);
    const what = text(e.message);
    return where && what ? `${where} ${what}` : what;
  });
  return items.filter(Boolean).join("; ") || undefined;
}

function clip(value: string): string {
  return value.length > 300 ? `${value.slice(0, 300)}...` : value;
}
