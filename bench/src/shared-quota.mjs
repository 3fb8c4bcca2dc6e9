// Shared quota across processes: 4 processes x 60 mutations at once against one server (its own process) that
// enforces scaled-down windows. Limiters in each process's memory (each thinks it has the whole quota) against
// one Redis store they share; then the Redis round trip's cost per mutation when the windows do not bind.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { idealDurationMs as idealMs } from "@org/statsig-console-test-support/quota-server";
import { startRedis } from "@org/statsig-console-test-support/redis-server";
import { median, startServerProcess } from "./util.mjs";

export const SHARED_WINDOWS = [
  { limit: 20, intervalMs: 500 },
  { limit: 60, intervalMs: 2_000 },
];
const OPEN_WINDOWS = [{ limit: 100_000, intervalMs: 1_000 }];
const worker = fileURLToPath(new URL("./shared-quota-worker.mjs", import.meta.url));
const exec = promisify(execFile);

const runWorkers = (count, args) =>
  Promise.all(
    Array.from({ length: count }, () =>
      exec(process.execPath, [worker, ...args]).then(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1))),
    ),
  );

/** One round: `processes` workers at once against a fresh server enforcing the windows; `during` runs mid-round. */
async function round({ processes, n, mode, redisUrl, project, during }) {
  const server = await startServerProcess(SHARED_WINDOWS);
  try {
    const started = performance.now();
    const run = runWorkers(processes, [
      server.url,
      redisUrl,
      project,
      String(n),
      mode,
      JSON.stringify(SHARED_WINDOWS),
      "0",
    ]);
    await during?.();
    const workers = await run;
    const elapsedMs = performance.now() - started;
    const stats = await server.stats();
    const ideal = idealMs(processes * n, SHARED_WINDOWS);
    return {
      processes,
      elapsedMs,
      idealMs: ideal,
      // Against the slowest worker's own clock (process start-up excluded), as the quota bench does.
      efficiency: ideal / Math.max(...workers.map((w) => w.elapsedMs)),
      rejected: stats.rejected,
      rateLimited: workers.reduce((sum, w) => sum + w.rateLimited, 0),
      failed: workers.reduce((sum, w) => sum + w.failed, 0),
    };
  } finally {
    await server.stop();
  }
}

export async function sharedQuota({ processes = 4, n = 60, rounds = 2, latencyN = 200, crowd = 12 } = {}) {
  const redis = await startRedis();
  try {
    const modes = {};
    for (const mode of ["memory", "redis"]) {
      modes[mode] = [];
      for (let i = 0; i < rounds; i++) {
        modes[mode].push(await round({ processes, n, mode, redisUrl: redis.url, project: `bench-${mode}-${i}` }));
      }
    }
    // Many processes: the same 240 mutations spread over `crowd` processes, every one on the shared store.
    const crowded = await round({
      processes: crowd,
      n: Math.round((processes * n) / crowd),
      mode: "redis",
      redisUrl: redis.url,
      project: "bench-crowd",
    });
    // Redis restarted empty mid-run (its own server: SIGKILL at 600 ms, a fresh one on the same port at once).
    const restarting = await startRedis();
    const restarted = await round({
      processes,
      n,
      mode: "redis",
      redisUrl: restarting.url,
      project: "bench-restart",
      during: async () => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        await restarting.restart();
      },
    });
    await restarting.stop();
    // Added latency: one process, sequential mutations, windows that never bind: the Redis round trips alone.
    const latency = {};
    const server = await startServerProcess(OPEN_WINDOWS);
    try {
      for (const mode of ["memory", "redis", "memory", "redis"]) {
        const [result] = await runWorkers(1, [
          server.url,
          redis.url,
          "bench-latency",
          String(latencyN),
          mode,
          JSON.stringify(OPEN_WINDOWS),
          "1",
        ]);
        latency[mode] = [...(latency[mode] ?? []), ...result.latencies.slice(10)]; // the first ones warm up
      }
    } finally {
      await server.stop();
    }
    return {
      processes,
      n,
      windows: SHARED_WINDOWS,
      modes,
      crowded,
      restarted,
      latencyMs: { memory: median(latency.memory), redis: median(latency.redis) },
    };
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(JSON.stringify(await sharedQuota({ rounds: 1 }), null, 2));
