import { QuotaBucket, type QuotaWindow } from "./quota-bucket.js";

/** Statsig's documented Console API quota for mutations, per project. */
export const DEFAULT_MUTATION_WINDOWS: readonly QuotaWindow[] = [
  { limit: 100, intervalMs: 10_000 },
  { limit: 900, intervalMs: 900_000 },
];
/** Segment ID-list endpoints document their own, tighter quota ("900 requests /15m or 12 requests /10s"). */
export const DEFAULT_SEGMENT_WINDOWS: readonly QuotaWindow[] = [
  { limit: 12, intervalMs: 10_000 },
  { limit: 900, intervalMs: 900_000 },
];

export interface RateLimiterOptions {
  /** Windows every mutation (POST, PATCH, PUT, DELETE) must fit in at once. Default: 100/10 s and 900/15 min. */
  windows?: readonly QuotaWindow[];
  /** Windows for mutations of `/console/v1/segments...`, a quota of its own. Default: 12/10 s and 900/15 min. */
  segmentWindows?: readonly QuotaWindow[];
}

/**
 * The project's quota as one object. Share one limiter between every client of the same project
 * (all keys of a project share its quota) by passing it as `rateLimit: { limiter }`.
 */
export interface RateLimiter {
  /** The bucket a request draws from, or undefined when it is not limited (reads). */
  bucketFor(method: string, pathname: string): QuotaBucket | undefined;
  readonly mutations: QuotaBucket;
  readonly segments: QuotaBucket;
}

const MUTATIONS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const mutations = new QuotaBucket(options.windows ?? DEFAULT_MUTATION_WINDOWS);
  const segments = new QuotaBucket(options.segmentWindows ?? DEFAULT_SEGMENT_WINDOWS);
  return {
    mutations,
    segments,
    bucketFor(method, pathname) {
      if (!MUTATIONS.has(method.toUpperCase())) return undefined;
      return pathname.includes("/console/v1/segments") ? segments : mutations;
    },
  };
}
