import { ConfigurationError, type QuotaStore } from "@org/statsig-console-client";
import type { Cluster, Redis } from "ioredis";
import { RedisQuota } from "./redis-quota.js";

export { QuotaStoreUnavailableError } from "./redis-quota.js";

export interface RedisQuotaStoreOptions {
  /** Your ioredis connection, a `Redis` or a `Cluster` (you own it: create it, and `quit()` it when done). */
  redis: Redis | Cluster;
  /**
   * The Statsig project whose quota this is, e.g. its id. Keys are namespaced by it, so two projects on one
   * Redis never share a quota, and every process of one project must use the same value.
   */
  project: string;
  /**
   * How long a slot taken by a process counts as in flight at most. A process that dies holding slots blocks
   * the others for no longer than this. Keep it above the client's `timeoutMs` times the redirects a request
   * may follow. Default 120 000 ms.
   */
  leaseMs?: number;
  /** How often a waiting process asks again when only an in-flight request can free a slot. Default 50 ms. */
  pollMs?: number;
  /**
   * How long a request waits for Redis (down, restarting) before it fails with QuotaStoreUnavailableError,
   * unsent. Default 10 000 ms.
   */
  unavailableAfterMs?: number;
  /** Key prefix. Default "statsig-console:quota". */
  keyPrefix?: string;
}

/**
 * A quota store for `createRateLimiter({ store })`: the windows live in Redis, so every process of the
 * project (CI jobs, workers, functions) shares one quota. Decisions are atomic Lua scripts on Redis's clock.
 */
export function redisQuotaStore(options: RedisQuotaStoreOptions): QuotaStore {
  checkOptions(options);
  const prefix = options.keyPrefix ?? "statsig-console:quota";
  return (bucket, windows) =>
    new RedisQuota({
      redis: options.redis,
      // The project is hashed into braces so a Redis Cluster keeps one quota's keys in one slot.
      key: `${prefix}:{${options.project}}:${bucket}`,
      windows,
      leaseMs: options.leaseMs ?? 120_000,
      pollMs: options.pollMs ?? 50,
      unavailableAfterMs: options.unavailableAfterMs ?? 10_000,
    });
}

/**
 * Options are checked when the store is made, each by name: Redis needs whole milliseconds (a fraction fails every
 * script with "value is not an integer"), and a zero lease or wait cannot work.
 */
function checkOptions(options: RedisQuotaStoreOptions): void {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("redisQuotaStore needs options { redis, project }");
  }
  if (options.redis === null || typeof options.redis !== "object" || typeof options.redis.eval !== "function") {
    throw new ConfigurationError("redisQuotaStore: redis must be an ioredis connection (Redis or Cluster)");
  }
  if (typeof options.project !== "string" || options.project.trim() === "") {
    throw new ConfigurationError("redisQuotaStore: project must be a non-empty string (the Statsig project's id)");
  }
  for (const name of ["leaseMs", "pollMs", "unavailableAfterMs"] as const) {
    const value = options[name];
    // Timers take at most 2^31 - 1 ms: beyond it Node fires them after 1 ms.
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0 && value <= MAX_TIMER_MS)) {
      throw new ConfigurationError(
        `redisQuotaStore: ${name} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${String(value)}`,
      );
    }
  }
  if (options.keyPrefix !== undefined && (typeof options.keyPrefix !== "string" || options.keyPrefix === "")) {
    throw new ConfigurationError("redisQuotaStore: keyPrefix must be a non-empty string");
  }
  // The key's one hash tag is the project's: another brace would make Redis Cluster hash the keys apart (CROSSSLOT).
  for (const name of ["keyPrefix", "project"] as const) {
    if (/[{}]/.test(options[name] ?? "")) {
      throw new ConfigurationError(`redisQuotaStore: ${name} must not contain { or } (Redis Cluster hash tags)`);
    }
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;
