/** One quota window: at most `limit` requests in any `intervalMs`. */
export interface QuotaWindow {
  limit: number;
  intervalMs: number;
}

/** Gives back the slot's timing: call it when the response (or failure) arrives. */
export type ReleaseSlot = () => void;

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
  /** Completion times, ascending, from index `head` on. */
  private readonly done: number[] = [];
  private head = 0;
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
      if (!(w.limit >= 1 && w.intervalMs > 0)) throw new RangeError(`invalid quota window ${JSON.stringify(w)}`);
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
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      const t = this.now();
      let i = this.done.length;
      while (i > this.head && (this.done[i - 1] as number) > t) i--;
      this.done.splice(i, 0, t);
      if (this.queue.length > 0) this.schedule();
    };
  }

  /** Milliseconds until every window has room; Infinity when only an in-flight response can free one. */
  private delay(): number {
    const now = this.now();
    const { done } = this;
    while (this.head < done.length && (done[this.head] as number) <= now - this.longest) this.head++;
    if (this.head > 1024 && this.head * 2 > done.length) {
      done.splice(0, this.head);
      this.head = 0;
    }
    let wait = Math.max(0, this.pausedUntil - now);
    for (const w of this.windows) {
      const first = firstAfter(done, now - w.intervalMs, this.head);
      const completed = done.length - first;
      const excess = completed + this.inFlight - w.limit;
      if (excess < 0) continue;
      // The oldest entries leave first; in-flight ones only after their response plus the interval.
      wait = excess < completed ? Math.max(wait, (done[first + excess] as number) + w.intervalMs + 1 - now) : Infinity;
    }
    return wait;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const wait = this.delay();
      if (wait === Infinity) return; // a release() will call back
      if (wait > 0) {
        this.timer = setTimeout(() => this.schedule(), wait);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(this.take());
    }
  }
}

/** Index of the first entry (from `from`) greater than `t`, by binary search. */
function firstAfter(sorted: number[], t: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
