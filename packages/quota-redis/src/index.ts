import type { QuotaStore } from "@org/statsig-console-client";
import type { Redis } from "ioredis";
import { RedisQuota } from "./redis-quota.js";

export { QuotaStoreUnavailableError } from "./redis-quota.js";

export interface RedisQuotaStoreOptions {
  /** Your ioredis connection (you own it: create it, and `quit()` it when done). */
  redis: Redis;
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
