import {
  DEFAULT_MUTATION_WINDOWS,
  DEFAULT_SEGMENT_WINDOWS,
  MUTATIONS,
  type QuotaWindow,
  quotaOf,
} from "@org/statsig-console-types/quota-windows";
import { QuotaQueue } from "./internal/quota-queue.js";
import { memoryQuotaStore } from "./memory-quota-store.js";
import type { QuotaSlots, QuotaStore } from "./quota-store.js";

export type { QuotaWindow };
export { DEFAULT_MUTATION_WINDOWS, DEFAULT_SEGMENT_WINDOWS, MUTATIONS };

export interface RateLimiterOptions {
  /** Windows every mutation (POST, PATCH, PUT, DELETE) must fit in at once. Default: 100/10 s and 900/15 min. */
  windows?: readonly QuotaWindow[];
  /**
   * Windows of PATCH and DELETE /console/v1/segments/{id}/id_list, the two operations whose spec
   * documents a quota of their own. Default: 12/10 s and 900/15 min.
   */
  segmentWindows?: readonly QuotaWindow[];
  /** Where the windows are kept. Default: this process's memory (`memoryQuotaStore()`). */
  store?: QuotaStore;
}

/**
 * The project's quota as one object. Share one limiter between every client of the same project
 * (all keys of a project share its quota) by passing it as `rateLimit: { limiter }`.
 */
export interface RateLimiter {
  /** The quota a request draws from, or undefined when it is not limited (reads). */
  bucketFor(method: string, path: string): QuotaSlots | undefined;
  readonly mutations: QuotaSlots;
  readonly segments: QuotaSlots;
}

/** Throws ConfigurationError for a window the store cannot keep (limit < 1, intervalMs <= 0). */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const store = options.store ?? memoryQuotaStore();
  const mutations = new QuotaQueue(store("mutations", options.windows ?? DEFAULT_MUTATION_WINDOWS));
  const segments = new QuotaQueue(store("segments", options.segmentWindows ?? DEFAULT_SEGMENT_WINDOWS));
  return {
    mutations,
    segments,
    bucketFor(method, path) {
      const quota = quotaOf(method, path);
      // On every request's path: no object built to look the bucket up.
      return quota === undefined ? undefined : quota === "segments" ? segments : mutations;
    },
  };
}
