import { QuotaBucket, type QuotaWindow } from "./internal/quota-bucket.js";

export type { QuotaWindow };

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

export interface RateLimiterOptions {
  /** Windows every mutation (POST, PATCH, PUT, DELETE) must fit in at once. Default: 100/10 s and 900/15 min. */
  windows?: readonly QuotaWindow[];
  /**
   * Windows of PATCH and DELETE /console/v1/segments/{id}/id_list, the two operations whose spec
   * documents a quota of their own. Default: 12/10 s and 900/15 min.
   */
  segmentWindows?: readonly QuotaWindow[];
}

/** One quota: the bucket requests queue in (FIFO) until every window has room. */
export interface Quota {
  /** Requests waiting for a slot. */
  readonly pending: number;
}

/**
 * The project's quota as one object. Share one limiter between every client of the same project
 * (all keys of a project share its quota) by passing it as `rateLimit: { limiter }`.
 */
export interface RateLimiter {
  /** The quota a request draws from, or undefined when it is not limited (reads). */
  bucketFor(method: string, path: string): QuotaBucket | undefined;
  readonly mutations: Quota;
  readonly segments: Quota;
}

/** The methods Statsig counts against the quota. */
export const MUTATIONS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
/** A path template or a URL's path (any prefix, e.g. a proxy's), ending in a segment's id_list. */
const SEGMENT_ID_LIST = /\/console\/v1\/segments\/[^/]+\/id_list\/?$/;

/** Throws ConfigurationError for a window that cannot work (limit < 1, intervalMs <= 0). */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const mutations = new QuotaBucket(options.windows ?? DEFAULT_MUTATION_WINDOWS);
  const segments = new QuotaBucket(options.segmentWindows ?? DEFAULT_SEGMENT_WINDOWS);
  return {
    mutations,
    segments,
    bucketFor(method, path) {
      const m = method.toUpperCase();
      if (!MUTATIONS.has(m)) return undefined;
      return (m === "PATCH" || m === "DELETE") && SEGMENT_ID_LIST.test(path) ? segments : mutations;
    },
  };
}
