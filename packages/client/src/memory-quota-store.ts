import { type QuotaWindow, windowWait } from "@org/statsig-console-types/quota-windows";
import { ConfigurationError } from "./errors.js";
import type { QuotaBucketStore, QuotaDecision, QuotaStore } from "./quota-store.js";

const GRANTED: QuotaDecision = { granted: true };

/**
 * The default store: each bucket's windows in this process's memory. A request counts in a window from the moment
 * it is sent until `intervalMs` after its response arrived: the server saw it no later than that, so however the
 * network delays requests, the server never sees more than `limit` in any interval. Time is monotonic
 * (`performance.now`): a wall clock stepped back would stall the bucket, stepped forward would forget its windows.
 */
export function memoryQuotaStore(now: () => number = () => performance.now()): QuotaStore {
  return (_bucket, windows) => new MemoryQuota(windows, now);
}

class MemoryQuota implements QuotaBucketStore {
  /** Completion times within the longest window, ascending. */
  private done: number[] = [];
  private readonly inFlight = new Set<string>();
  private pausedUntil = 0;
  private readonly longest: number;

  constructor(
    private readonly windows: readonly QuotaWindow[],
    private readonly now: () => number,
  ) {
    if (!Array.isArray(windows))
      throw new ConfigurationError(`quota windows must be a list: ${JSON.stringify(windows)}`);
    // Numbers only (a string would be compared as one, then added as text); Infinity would close the bucket for good.
    for (const w of windows) {
      const { limit, intervalMs } = w ?? {};
      if (
        !(
          typeof limit === "number" &&
          typeof intervalMs === "number" &&
          limit >= 1 &&
          intervalMs > 0 &&
          intervalMs < Infinity
        )
      )
        throw new ConfigurationError(`invalid quota window ${JSON.stringify(w)}`);
    }
    this.longest = Math.max(0, ...windows.map((w) => w.intervalMs));
  }

  take(slot: string): QuotaDecision {
    const now = this.now();
    this.done = this.done.filter((t) => t > now - this.longest);
    // In-flight requests count from their response on; Infinity when only one of them can free a window.
    const wait = Math.max(this.pausedUntil - now, windowWait(this.done, this.windows, now, this.inFlight.size));
    if (wait > 0) return { granted: false, retryInMs: wait };
    this.inFlight.add(slot);
    return GRANTED;
  }

  release(slot: string, sent: boolean): void {
    if (!this.inFlight.delete(slot) || !sent) return;
    this.done.push(this.now());
    // Kept ascending whatever clock `now` is; a few hundred numbers at most, so sorting is cheap.
    this.done.sort((x, y) => x - y);
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
