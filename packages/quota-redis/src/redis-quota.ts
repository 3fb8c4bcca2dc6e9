import { createHash } from "node:crypto";
import {
  ConfigurationError,
  type QuotaBucketStore,
  type QuotaDecision,
  type QuotaWindow,
} from "@org/statsig-console-client";
import type { Cluster, Redis } from "ioredis";
import { ACQUIRE, PAUSE, RELEASE, SEED } from "./scripts.js";

/**
 * Redis did not answer within `unavailableAfterMs`: no slot, so the request is not sent (fail closed). The client
 * reports the call as a ConnectionError ("no quota slot", `mayHaveBeenApplied: false`) with this as its `cause`.
 */
export class QuotaStoreUnavailableError extends Error {
  override name = "QuotaStoreUnavailableError";
}

export interface RedisQuotaOptions {
  /** An ioredis connection: a `Redis` or a `Cluster`. */
  redis: Redis | Cluster;
  /** Namespaced key prefix of this quota (project and bucket). */
  key: string;
  windows: readonly QuotaWindow[];
  leaseMs: number;
  pollMs: number;
  unavailableAfterMs: number;
}

type Script = (...args: (string | number)[]) => Promise<unknown>;

const GRANTED: QuotaDecision = { granted: true };
const WATCH_MS = 100;

/**
 * One bucket of the project's quota, kept in Redis so every process of the project shares it. It only decides,
 * each decision one atomic script; the client's scheduler queues this process's requests and asks again when told.
 *
 * The process also remembers its own sends of the longest window (in Redis's time) and its slots in flight: when the
 * state in Redis is gone (a restart, a flush, an eviction), it puts them back before it asks for another slot, so the
 * windows still count what the API counts.
 */
export class RedisQuota implements QuotaBucketStore {
  private readonly keys: [string, string, string, string];
  private readonly windowsArg: string;
  private readonly longest: number;
  private readonly scripts: Record<"acquire" | "seed" | "release" | "pause", Script>;
  /** The copy of the state in Redis this process has put its sends into ("" until it has). */
  private epoch = "";
  /** This process's sends within the longest window: slot id -> Redis time. */
  private readonly sends = new Map<string, number>();
  /** This process's slots granted and not yet released: put back, as in flight, into a new copy of the state. */
  private readonly held = new Set<string>();
  /** How long a new copy of the state grants nothing (every process still asking puts its sends back meanwhile). */
  private readonly settleMs: number;
  /** Looks for a new copy of the state while this process has slots in flight (see `watch`). */
  private watcher: ReturnType<typeof setInterval> | undefined;
  private looking = false;

  constructor(private readonly options: RedisQuotaOptions) {
    const { key, windows } = options;
    for (const w of windows) {
      // The script reads integers; anything else would silently mean another quota.
      // Safe integers only: 1e21 would be written "1e+21" and read by the script as 21.
      if (!(Number.isSafeInteger(w.limit) && w.limit >= 1 && Number.isSafeInteger(w.intervalMs) && w.intervalMs > 0)) {
        throw new ConfigurationError(`invalid quota window ${JSON.stringify(w)} (integers >= 1 for Redis)`);
      }
    }
    this.keys = [`${key}:inflight`, `${key}:done`, `${key}:paused`, `${key}:epoch`];
    this.windowsArg = windows.map((w) => `${w.limit}:${w.intervalMs}`).join(",");
    this.longest = Math.max(0, ...windows.map((w) => w.intervalMs));
    this.scripts = defineScripts(options.redis);
    this.settleMs = Math.max(4 * options.pollMs, 2 * WATCH_MS);
  }

  async take(slot: string): Promise<QuotaDecision> {
    // One deadline for the whole decision, seeds included: a seed Redis keeps refusing fails closed, never spins.
    const deadline = Date.now() + this.options.unavailableAfterMs;
    for (;;) {
      const [granted, wait, epoch] = (await this.call(
        "acquire",
        () =>
          this.scripts.acquire(
            ...this.keys,
            slot,
            String(this.options.leaseMs),
            this.windowsArg,
            this.epoch,
            `${slot}-${Date.now().toString(36)}`,
            String(this.settleMs),
          ),
        deadline,
      )) as [number, number, string?];
      if (granted === 2) await this.seed(String(epoch), deadline);
      else if (granted === 1) {
        this.held.add(slot);
        this.watch();
        return GRANTED;
      }
      // -1: only an in-flight request (maybe another process's) can free a slot: ask again in pollMs. A longer wait
      // is asked again every settleMs, so that a waiting process puts its sends back within a new epoch's settling.
      else
        return {
          granted: false,
          retryInMs: wait < 0 ? this.options.pollMs : Math.min(Math.max(1, wait), this.settleMs),
        };
    }
  }

  /** Holds every process's requests in this bucket for at least `ms` (a 429 was seen). */
  async pause(ms: number): Promise<void> {
    await this.call("pause", () => this.scripts.pause(...this.keys, String(Math.ceil(ms))));
  }

  /**
   * A process with requests in flight may not ask again for a while, yet a new copy of the state must count them
   * before it grants anything: while it holds slots, it looks for a new epoch twice per shortest settling time and
   * puts its sends and slots back into it. The timer does not keep the process alive, and stops with the last release.
   */
  private watch(): void {
    if (this.watcher) return;
    // Every 100 ms, half the shortest settling any process can start (its settleMs is at least 200 ms), whatever
    // this process's own pollMs: the process that starts the new epoch decides how long it settles.
    this.watcher = setInterval(() => void this.lookForNewEpoch(), WATCH_MS);
    this.watcher.unref?.();
  }

  private async lookForNewEpoch(): Promise<void> {
    if (this.held.size === 0) {
      clearInterval(this.watcher);
      this.watcher = undefined;
      return;
    }
    if (this.looking) return;
    this.looking = true;
    try {
      const epoch = await withTimeout(this.options.redis.get(this.keys[3]), this.settleMs).catch(() => null);
      if (epoch && this.epoch !== "" && epoch !== this.epoch) {
        await this.seed(epoch, Date.now() + this.options.unavailableAfterMs).catch(() => {});
      }
    } finally {
      this.looking = false;
    }
  }

  /** Puts this process's recent sends into a new copy of the state, then counts as part of it. */
  private async seed(epoch: string, deadline: number): Promise<void> {
    const newest = Math.max(0, ...this.sends.values());
    const pairs: string[] = [];
    for (const [slot, at] of this.sends) {
      if (at > newest - this.longest) pairs.push(slot, String(at));
      else this.sends.delete(slot);
    }
    // 0: another process started a newer epoch meanwhile; the next acquire names it.
    const seeded = await this.call(
      "seed",
      () =>
        this.scripts.seed(
          ...this.keys,
          epoch,
          String(this.longest + this.options.leaseMs),
          String(this.options.leaseMs),
          String(pairs.length / 2),
          ...pairs,
          ...this.held,
        ),
      deadline,
    );
    if (seeded === 1) this.epoch = epoch;
  }

  /** If Redis is unreachable the slot stays in flight until its lease ends, then counts as sent: the safe side. */
  async release(slot: string, sent: boolean): Promise<void> {
    this.held.delete(slot);
    const ttl = String(this.longest + this.options.leaseMs);
    const [at, epoch] = (await this.call("release", () =>
      this.scripts.release(...this.keys, slot, sent ? "1" : "0", ttl),
    )) as [number, string];
    if (sent) {
      this.sends.set(slot, at);
      // Oldest first (insertion order): what has left the longest window is no longer needed for a seed.
      for (const [old, time] of this.sends) {
        if (time > at - this.longest) break;
        this.sends.delete(old);
      }
    }
    // The state was lost and a new copy started since this process last asked: its sends go back now.
    if (epoch !== "" && this.epoch !== "" && epoch !== this.epoch) {
      await this.seed(epoch, Date.now() + this.options.unavailableAfterMs).catch(() => {});
    }
  }

  /**
   * A Redis call that fails (or hangs, while ioredis reconnects) until `deadline` (default: `unavailableAfterMs` from
   * now) is typed. Retried meanwhile: every script is safe to run twice (a retried acquire finds its own slot).
   */
  private async call<T>(
    what: string,
    command: () => Promise<T>,
    deadline = Date.now() + this.options.unavailableAfterMs,
  ): Promise<T> {
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        return await withTimeout(command(), deadline - Date.now());
      } catch (error) {
        last = error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now()))));
      }
    }
    // Redis may have answered, with an error (CROSSSLOT, OOM...): its words are in the message, not only the cause.
    const said = last instanceof Error ? `: ${last.message}` : "";
    throw new QuotaStoreUnavailableError(
      `the Redis quota store did not answer "${what}" within ${this.options.unavailableAfterMs} ms${said}`,
      { cause: last },
    );
  }
}

/**
 * The scripts as commands of the connection (`defineCommand`: EVALSHA, with EVAL when Redis does not know the
 * script yet, as after a restart or SCRIPT FLUSH). Named by a hash of their text, so two versions of this package
 * on one connection never run each other's scripts.
 */
function defineScripts(redis: Redis | Cluster): Record<"acquire" | "seed" | "release" | "pause", Script> {
  const commands = redis as unknown as Record<string, Script | undefined>;
  const define = (lua: string): Script => {
    const name = `statsigConsoleQuota_${createHash("sha1").update(lua).digest("hex").slice(0, 12)}`;
    if (typeof commands[name] !== "function") redis.defineCommand(name, { numberOfKeys: 4, lua });
    return (...args) => (commands[name] as Script).call(redis, ...args);
  };
  return { acquire: define(ACQUIRE), seed: define(SEED), release: define(RELEASE), pause: define(PAUSE) };
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
