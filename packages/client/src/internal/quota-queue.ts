import type { QuotaBucketStore, QuotaDecision, QuotaSlots, ReleaseSlot } from "../quota-store.js";
import { MAX_TIMER_MS } from "./sleep.js";

interface Waiter {
  resolve(release: ReleaseSlot): void;
  reject(error: unknown): void;
  /** Stops listening to the caller's signal once the waiter has its answer. */
  detach(): void;
}

/** Slot ids are unique across processes (a shared store sees every process's): a random prefix per process. */
const prefix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
let counter = 0;

/**
 * The one scheduler in front of any store (Bottleneck's and Octokit's shape: the backend decides, the client
 * schedules). Requests queue FIFO; only the head asks the store; "not yet" waits as long as the store says, or
 * until this process releases a slot or the head gives up, whichever comes first.
 */
export class QuotaQueue implements QuotaSlots {
  private readonly queue: Waiter[] = [];
  private running = false;
  /** Counts releases and aborts, so one that lands while the store is deciding is not slept through. */
  private changes = 0;
  /** Ends the head's current wait early. */
  private wake: (() => void) | undefined;

  constructor(private readonly store: QuotaBucketStore) {}

  get pending(): number {
    return this.queue.length;
  }

  acquire(signal?: AbortSignal, onAbort: () => Error = () => new Error("aborted")): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(onAbort());
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, detach: () => {} };
      if (signal) {
        const abort = () => {
          const index = this.queue.indexOf(waiter);
          if (index < 0) return; // already answered
          this.queue.splice(index, 1);
          reject(onAbort());
          // The next in line asks now, not when the head's wait would have ended.
          if (index === 0) this.changed();
        };
        signal.addEventListener("abort", abort, { once: true });
        waiter.detach = () => signal.removeEventListener("abort", abort);
      }
      this.queue.push(waiter);
      void this.drain();
    });
  }

  pause(ms: number): void {
    ignoreErrors(() => this.store.pause(ms));
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0] as Waiter;
        const slot = `${prefix}-${++counter}`;
        const seen = this.changes;
        let decision: QuotaDecision;
        try {
          decision = checked(await this.store.take(slot));
        } catch (error) {
          // The store may still apply the take (Redis answering late): give that slot back, unsent.
          this.giveBack(slot, false);
          // Fail closed: no slot, no request. Everyone queued gets the store's error.
          for (const waiter of this.queue.splice(0)) {
            waiter.detach();
            waiter.reject(error);
          }
          return;
        }
        if (this.queue[0] !== head) {
          // The head gave up while the store decided.
          if (decision.granted) this.giveBack(slot, false);
          continue;
        }
        if (decision.granted) {
          this.queue.shift();
          head.detach();
          head.resolve(this.releaser(slot));
        } else if (this.changes === seen) {
          await this.sleep(decision.retryInMs);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private releaser(slot: string): ReleaseSlot {
    let released = false;
    return (sent = true) => {
      if (released) return;
      released = true;
      this.giveBack(slot, sent);
    };
  }

  private giveBack(slot: string, sent: boolean): void {
    // The head asks again once the store has the release (a shared store may free a window with it).
    ignoreErrors(() => this.store.release(slot, sent)).then(() => this.changed());
  }

  private changed(): void {
    this.changes++;
    this.wake?.();
  }

  /** Waits `ms`, or until a change; Infinity (an in-memory store) sets no timer: only a change ends it. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = ms === Infinity ? undefined : setTimeout(done, Math.min(ms, MAX_TIMER_MS));
      this.wake = done;
    });
  }
}

/** A store's answer, checked: a malformed one would otherwise spin the queue or grant by accident. */
function checked(decision: QuotaDecision): QuotaDecision {
  if (decision?.granted === true) return decision;
  if (decision?.granted === false && decision.retryInMs >= 0) return decision;
  throw new TypeError(
    `the quota store answered ${JSON.stringify(decision)}, not { granted: true } or { granted: false, retryInMs }`,
  );
}

/** Runs a store call whose failure changes nothing for the caller (the store's own leases cover a lost release). */
function ignoreErrors(call: () => void | Promise<void>): Promise<void> {
  try {
    return Promise.resolve(call()).catch(() => {});
  } catch {
    return Promise.resolve();
  }
}
