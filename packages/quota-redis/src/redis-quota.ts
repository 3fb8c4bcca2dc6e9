import { ConfigurationError, type QuotaSlots, type QuotaWindow, type ReleaseSlot } from "@org/statsig-console-client";
import type { Redis } from "ioredis";
import { ACQUIRE, PAUSE, RELEASE } from "./scripts.js";

/**
 * Redis did not answer within `unavailableAfterMs`: no slot, so the request is not sent (fail closed). The client
 * reports the call as a ConnectionError ("no quota slot", `mayHaveBeenApplied: false`) with this as its `cause`.
 */
export class QuotaStoreUnavailableError extends Error {
  override name = "QuotaStoreUnavailableError";
}

export interface RedisQuotaOptions {
  redis: Redis;
  /** Namespaced key prefix of this quota (project and bucket). */
  key: string;
  windows: readonly QuotaWindow[];
  leaseMs: number;
  pollMs: number;
  unavailableAfterMs: number;
}

interface Waiter {
  resolve(release: ReleaseSlot): void;
  reject(error: unknown): void;
  /** Stops listening to the caller's signal once the waiter has its answer. */
  detach(): void;
}

let counter = 0;
const instance = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * One bucket of the project's quota, kept in Redis so every process of the project shares it. Requests of
 * this process queue FIFO; the head asks Redis for a slot (one atomic script) and, when the answer is "not
 * yet", sleeps as long as Redis says (or `pollMs` when only an in-flight request can free a slot).
 */
export class RedisQuota implements QuotaSlots {
  private readonly queue: Waiter[] = [];
  private running = false;
  private readonly keys: [string, string, string];
  private readonly windowsArg: string;
  private readonly longest: number;

  constructor(private readonly options: RedisQuotaOptions) {
    const { key, windows } = options;
    for (const w of windows) {
      // The script reads integers; anything else would silently mean another quota.
      if (!(Number.isInteger(w.limit) && w.limit >= 1 && Number.isInteger(w.intervalMs) && w.intervalMs > 0)) {
        throw new ConfigurationError(`invalid quota window ${JSON.stringify(w)} (integers >= 1 for Redis)`);
      }
    }
    this.keys = [`${key}:inflight`, `${key}:done`, `${key}:paused`];
    this.windowsArg = windows.map((w) => `${w.limit}:${w.intervalMs}`).join(",");
    this.longest = Math.max(0, ...windows.map((w) => w.intervalMs));
  }

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
          if (index < 0) return; // already granted
          this.queue.splice(index, 1);
          reject(onAbort());
        };
        signal.addEventListener("abort", abort, { once: true });
        waiter.detach = () => signal.removeEventListener("abort", abort);
      }
      this.queue.push(waiter);
      void this.drain();
    });
  }

  /** Holds every process's requests in this bucket for at least `ms` (a 429 was seen). */
  pause(ms: number): void {
    // Fire and forget: the caller is already waiting out the pause itself; Redis being down must not throw here.
    this.call("pause", () => this.options.redis.eval(PAUSE, 3, ...this.keys, String(Math.ceil(ms)))).catch(() => {});
  }

  /** One head at a time: the queue is served in order, and only the head talks to Redis. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0] as Waiter;
        const slot = `${instance}-${++counter}`;
        let answer: [number, number];
        try {
          answer = (await this.call("acquire", () =>
            this.options.redis.eval(ACQUIRE, 3, ...this.keys, slot, String(this.options.leaseMs), this.windowsArg),
          )) as [number, number];
        } catch (error) {
          // Fail closed: no slot, no request. Everyone queued gets the same typed error.
          for (const waiter of this.queue.splice(0)) {
            waiter.detach();
            waiter.reject(error);
          }
          return;
        }
        if (this.queue[0] !== head) {
          // The head was aborted while Redis answered: give a granted slot straight back.
          if (answer[0] === 1) this.release(slot, false);
          continue;
        }
        if (answer[0] === 1) {
          this.queue.shift();
          head.detach();
          head.resolve(this.releaser(slot));
          continue;
        }
        const wait = answer[1] < 0 ? this.options.pollMs : Math.max(1, answer[1]);
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60_000)));
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
      this.release(slot, sent);
    };
  }

  private release(slot: string, sent: boolean): void {
    // If Redis is unreachable the slot stays in flight until its lease ends: the safe side of the quota.
    this.call("release", () =>
      this.options.redis.eval(RELEASE, 3, ...this.keys, slot, sent ? "1" : "0", String(this.longest)),
    ).catch(() => {});
  }

  /** A Redis call that fails (or hangs, while ioredis reconnects) for longer than `unavailableAfterMs` is typed. */
  private async call<T>(what: string, command: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.options.unavailableAfterMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        return await withTimeout(command(), deadline - Date.now());
      } catch (error) {
        last = error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now()))));
      }
    }
    throw new QuotaStoreUnavailableError(
      `the Redis quota store did not answer "${what}" within ${this.options.unavailableAfterMs} ms`,
      { cause: last },
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), Math.max(1, ms));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
