import type { QuotaWindow } from "@org/statsig-console-types/quota-windows";

/** A store's answer to `take`. */
export type QuotaDecision =
  | { granted: true }
  /**
   * Not yet: ask again in `retryInMs`. `Infinity` when only a release can make room and every release reaches this
   * process (an in-memory store): the client then asks again on its next release, with no timer.
   */
  | { granted: false; retryInMs: number };

/**
 * Where one quota bucket's windows are kept. A store only decides: the client's scheduler queues requests in
 * arrival order, drops aborted ones, asks again when told to, and releases each slot exactly once. So a store has
 * no queue, no signals and no timers of its own.
 */
export interface QuotaBucketStore {
  /**
   * Takes `slot` (an id unique across processes) when every window has room. A rejection (Redis down) fails every
   * request of this process queued in the bucket: they are not sent, and each caller gets a ConnectionError
   * ("no quota slot", `mayHaveBeenApplied: false`) with the rejection as its cause.
   */
  take(slot: string): QuotaDecision | Promise<QuotaDecision>;
  /**
   * The request that held `slot` is over. `sent: false` when it provably never left: it then counts in no window.
   * Also called with `false` for a slot whose `take` failed or whose caller gave up while it was decided, in case
   * the store took it anyway; a store ignores a slot it does not hold. Errors are ignored.
   */
  release(slot: string, sent: boolean): void | Promise<void>;
  /** No slot for anyone for at least `ms` (a 429 was seen; Statsig counts rejected attempts too). Errors are ignored. */
  pause(ms: number): void | Promise<void>;
}

/**
 * Makes the store of each of the limiter's buckets: `mutations`, and the segment id-list operations' own. It checks
 * the windows it is given (throw ConfigurationError for one it cannot keep).
 */
export type QuotaStore = (bucket: "mutations" | "segments", windows: readonly QuotaWindow[]) => QuotaBucketStore;

/**
 * Gives back the slot: call it when the response (or failure) arrives. `sent: false` (the request
 * provably never left) frees it without counting it in any window.
 */
export type ReleaseSlot = (sent?: boolean) => void;

/** One bucket as the client uses it: the scheduler in front of its store. */
export interface QuotaSlots {
  /**
   * Resolves, in arrival order, with a slot once every window has room; rejects with `onAbort()` when
   * `signal` aborts first, or with the store's error when it cannot decide.
   */
  acquire(signal?: AbortSignal, onAbort?: () => Error): Promise<ReleaseSlot>;
  /** Holds this bucket's requests (with a shared store: every process's) for at least `ms`, as a 429 calls for. */
  pause(ms: number): void;
  /** Requests of this process waiting for a slot. */
  readonly pending: number;
}
