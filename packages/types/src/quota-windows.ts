/**
 * The Console API's documented quota, and the arithmetic of its sliding windows. The client schedules its requests
 * with it, and the stateful mock enforces it with it, so the two can never disagree about what fits.
 */

/** One quota window: at most `limit` requests in any `intervalMs`. */
export interface QuotaWindow {
  limit: number;
  intervalMs: number;
}

/** Statsig's documented Console API quota for mutations, per project. */
export const DEFAULT_MUTATION_WINDOWS: readonly QuotaWindow[] = [
  { limit: 100, intervalMs: 10_000 },
  { limit: 900, intervalMs: 900_000 },
];

/** The segment ID-list operations document their own, tighter quota ("900 requests /15m or 12 requests /10s"). */
export const DEFAULT_SEGMENT_WINDOWS: readonly QuotaWindow[] = [
  { limit: 12, intervalMs: 10_000 },
  { limit: 900, intervalMs: 900_000 },
];

/** The methods Statsig counts against the quota. */
export const MUTATIONS: ReadonlySet<string> = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** A path template or a URL's path (any prefix, e.g. a proxy's), ending in a segment's id_list. */
const SEGMENT_ID_LIST = /\/console\/v1\/segments\/[^/]+\/id_list\/?$/;

/**
 * The quota a request draws from: `segments` for PATCH and DELETE of a segment's id_list (the two operations whose
 * spec documents a quota of their own), `mutations` for every other mutation, undefined for reads (no published
 * limit).
 */
export function quotaOf(method: string, path: string): "mutations" | "segments" | undefined {
  const m = method.toUpperCase();
  if (!MUTATIONS.has(m)) return undefined;
  return (m === "PATCH" || m === "DELETE") && SEGMENT_ID_LIST.test(path) ? "segments" : "mutations";
}

/**
 * Milliseconds until one more request fits in every window, given the times (ascending) of the requests each window
 * already counts and `pending` requests that will count but have no time yet (in flight): 0 when it fits now,
 * Infinity when only a pending request's time can free a window.
 */
export function windowWait(
  times: readonly number[],
  windows: readonly QuotaWindow[],
  now: number,
  pending = 0,
): number {
  let wait = 0;
  for (const w of windows) {
    const recent = times.filter((t) => t > now - w.intervalMs);
    const excess = recent.length + pending - w.limit;
    if (excess < 0) continue;
    // The oldest entries leave first; pending ones only once they have a time, plus the interval.
    wait = excess < recent.length ? Math.max(wait, (recent[excess] as number) + w.intervalMs + 1 - now) : Infinity;
  }
  return wait;
}
