import { type QuotaWindow, windowWait } from "@org/statsig-console-types/quota-windows";
import { ConfigurationError } from "../errors.js";
import type { ReleaseSlot } from "../rate-limiter.js";
import { MAX_TIMER_MS } from "./sleep.js";

interface Waiter {
  resolve(release: ReleaseSlot): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A FIFO queue in front of several sliding windows at once. A request counts in a window from the
 * moment it is sent until `intervalMs` after its response arrived: the server saw it no later than
 * that, so however the network delays requests, the server never sees more than `limit` in any
 * interval. `pause` holds the whole bucket, which is what a 429 calls for (rejected attempts count).
 */
export class QuotaBucket {
  readonly windows: readonly QuotaWindow[];
  /** Completion times within the longest window, ascending. */
  private done: number[] = [];
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly longest: number;

  constructor(
    windows: readonly QuotaWindow[],
    private readonly now: () => number = Date.now,
  ) {
    for (const w of windows) {
      if (!(w.limit >= 1 && w.intervalMs > 0))
        throw new ConfigurationError(`invalid quota window ${JSON.stringify(w)}`);
    }
    this.windows = windows;
    this.longest = Math.max(0, ...windows.map((w) => w.intervalMs));
  }

  /** Waits (in arrival order) for room in every window, then takes a slot until `release()` plus the interval. */
  acquire(signal?: AbortSignal, onAbort: () => Error = () => new Error("aborted")): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(onAbort());
    if (this.queue.length === 0 && this.delay() === 0) return Promise.resolve(this.take());
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = { resolve, signal, onAbort: undefined };
      if (signal) {
        // An aborted request leaves the queue at once and never takes a slot.
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index < 0) return; // already granted
          this.queue.splice(index, 1);
          reject(onAbort());
          this.schedule();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.schedule();
    });
  }

  /** Holds every queued and future request for at least `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.schedule();
  }

  /** Requests waiting for a slot. */
  get pending(): number {
    return this.queue.length;
  }

  private take(): ReleaseSlot {
    this.inFlight++;
    let released = false;
    return (sent = true) => {
      if (released) return;
      released = true;
      this.inFlight--;
      if (sent) this.done.push(this.now());
      // Kept ascending (a clock can step back); a few hundred numbers at most, so sorting is cheap.
      this.done.sort((x, y) => x - y);
      if (this.queue.length > 0) this.schedule();
    };
  }

  /** Milliseconds until every window has room; Infinity when only an in-flight response can free one. */
  private delay(): number {
    const now = this.now();
    this.done = this.done.filter((t) => t > now - this.longest);
    // In-flight requests count from their response on: the server saw them no later than that.
    return Math.max(this.pausedUntil - now, windowWait(this.done, this.windows, now, this.inFlight));
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const wait = this.delay();
      if (wait === Infinity) return; // a release() will call back
      if (wait > 0) {
        // A long pause is waited out in steps: a longer delay would fire after ~1 ms.
        this.timer = setTimeout(() => this.schedule(), Math.min(wait, MAX_TIMER_MS));
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(this.take());
    }
  }
}
