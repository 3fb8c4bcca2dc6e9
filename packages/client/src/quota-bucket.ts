/** One quota window: at most `limit` requests in any `intervalMs`. */
export interface QuotaWindow {
  limit: number;
  intervalMs: number;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A FIFO queue in front of several sliding windows at once. Every grant is logged; a request may
 * go when, in every window, fewer than `limit` grants fall within the last `intervalMs` (plus a
 * small margin for the network delay between our clock and the server's). `pause` holds the whole
 * bucket, which is what a 429 calls for: the server counts rejected attempts too.
 */
export class QuotaBucket {
  readonly windows: readonly QuotaWindow[];
  private readonly grants: number[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private readonly longest: number;

  constructor(windows: readonly QuotaWindow[], now: () => number = Date.now) {
    for (const w of windows) {
      if (!(w.limit >= 1 && w.intervalMs > 0)) throw new RangeError(`invalid quota window ${JSON.stringify(w)}`);
    }
    this.windows = windows;
    this.now = now;
    this.longest = Math.max(0, ...windows.map((w) => w.intervalMs + margin(w)));
  }

  /** Waits for room in every window (in arrival order), then takes one slot. */
  acquire(signal?: AbortSignal, onAbort: () => Error = () => new Error("aborted")): Promise<void> {
    if (signal?.aborted) return Promise.reject(onAbort());
    if (this.queue.length === 0 && this.delay() === 0) {
      this.grants.push(this.now());
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        // An aborted request leaves the queue at once and never takes a slot.
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
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

  /** Milliseconds until the next slot is free in every window (0: now). */
  private delay(): number {
    const now = this.now();
    while (this.grants.length > 0 && (this.grants[0] as number) <= now - this.longest) this.grants.shift();
    let wait = Math.max(0, this.pausedUntil - now);
    for (const w of this.windows) {
      const span = w.intervalMs + margin(w);
      let inWindow = 0;
      for (let i = this.grants.length - 1; i >= 0 && (this.grants[i] as number) > now - span; i--) inWindow++;
      if (inWindow >= w.limit) {
        // The oldest grant that must leave the window before one more fits.
        const oldest = this.grants[this.grants.length - w.limit] as number;
        wait = Math.max(wait, oldest + span - now);
      }
    }
    return wait;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const wait = this.delay();
      if (wait > 0) {
        this.timer = setTimeout(() => this.schedule(), wait);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      this.grants.push(this.now());
      waiter.resolve();
    }
  }
}

/** Our clock starts a window when we send; the server's when it receives. 1% (at most 100 ms) covers the gap. */
function margin(w: QuotaWindow): number {
  return Math.min(100, Math.ceil(w.intervalMs / 100));
}
