import {
  DEFAULT_MUTATION_WINDOWS,
  DEFAULT_SEGMENT_WINDOWS,
  MUTATIONS,
  type QuotaWindow,
  quotaOf,
} from "@org/statsig-console-types/quota-windows";
import { QuotaBucket } from "./internal/quota-bucket.js";

export type { QuotaWindow };
export { DEFAULT_MUTATION_WINDOWS, DEFAULT_SEGMENT_WINDOWS, MUTATIONS };

/**
 * Gives back the slot: call it when the response (or failure) arrives. `sent: false` (the request
 * provably never left) frees it without counting it in any window.
 */
export type ReleaseSlot = (sent?: boolean) => void;

/**
 * What the client needs of one quota bucket. The default keeps its windows in this process's memory; a
 * store (`@org/statsig-console-quota-redis`) keeps them where every process of the project can share them.
 */
export interface QuotaSlots {
  /**
   * Resolves, in arrival order, with a slot once every window has room; rejects with `onAbort()` when
   * `signal` aborts first. A store that cannot decide (Redis down) rejects with its own error: the request
   * is then not sent, and the caller gets a ConnectionError (`mayHaveBeenApplied: false`) with that error as its cause.
   */
  acquire(signal?: AbortSignal, onAbort?: () => Error): Promise<ReleaseSlot>;
  /** Holds this bucket's requests (a store: every process's) for at least `ms`, as a 429 calls for. */
  pause(ms: number): void;
  /** Requests of this process waiting for a slot. */
  readonly pending: number;
}

/** Creates the bucket for each of the limiter's quotas: `mutations`, and the segment id-list operations' own. */
export type QuotaStore = (bucket: "mutations" | "segments", windows: readonly QuotaWindow[]) => QuotaSlots;

export interface RateLimiterOptions {
  /** Windows every mutation (POST, PATCH, PUT, DELETE) must fit in at once. Default: 100/10 s and 900/15 min. */
  windows?: readonly QuotaWindow[];
  /**
   * Windows of PATCH and DELETE /console/v1/segments/{id}/id_list, the two operations whose spec
   * documents a quota of their own. Default: 12/10 s and 900/15 min.
   */
  segmentWindows?: readonly QuotaWindow[];
  /** Where the windows are kept. Default: this process's memory (a `QuotaBucket` per quota). */
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

/** Throws ConfigurationError for a window that cannot work (limit < 1, intervalMs <= 0). */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  // A store checks the windows it is given (a QuotaBucket throws ConfigurationError).
  const store = options.store ?? ((_bucket, windows) => new QuotaBucket(windows));
  const mutations = store("mutations", options.windows ?? DEFAULT_MUTATION_WINDOWS);
  const segments = store("segments", options.segmentWindows ?? DEFAULT_SEGMENT_WINDOWS);
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
