// Shared quota across processes: 4 processes x 60 mutations at once against one server (its own process) that
// enforces scaled-down windows. Limiters in each process's memory (each thinks it has the whole quota) against
// one Redis store they share; then the Redis round trip's cost per mutation when the windows do not bind.
import { execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { idealMs } from "./quota.mjs";
import { median, startServerProcess } from "./util.mjs";

export const SHARED_WINDOWS = [
  { limit: 20, intervalMs: 500 },
  { limit: 60, intervalMs: 2_000 },
];
const OPEN_WINDOWS = [{ limit: 100_000, intervalMs: 1_000 }];
const worker = fileURLToPath(new URL("./shared-quota-worker.mjs", import.meta.url));
const exec = promisify(execFile);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
  ]);
  await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout.on("data", (chunk) => String(chunk).includes("Ready to accept connections") && resolve());
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill("SIGKILL") };
}

const runWorkers = (count, args) =>
  Promise.all(
    Array.from({ length: count }, () =>
      exec(process.execPath, [worker, ...args]).then(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1))),
    ),
  );

export async function sharedQuota({ processes = 4, n = 60, rounds = 2, latencyN = 200 } = {}) {
  const redis = await startRedis();
  try {
    const modes = {};
    for (const mode of ["memory", "redis"]) {
      modes[mode] = [];
      for (let round = 0; round < rounds; round++) {
        const server = await startServerProcess(SHARED_WINDOWS);
        try {
          const started = performance.now();
          const workers = await runWorkers(processes, [
            server.url,
            redis.url,
            `bench-${mode}-${round}`,
            String(n),
            mode,
            JSON.stringify(SHARED_WINDOWS),
            "0",
          ]);
          const elapsedMs = performance.now() - started;
          const stats = await server.stats();
          const ideal = idealMs(processes * n, SHARED_WINDOWS);
          modes[mode].push({
            elapsedMs,
            idealMs: ideal,
            // Against the slowest worker's own clock (process start-up excluded), as the quota bench does.
            efficiency: ideal / Math.max(...workers.map((w) => w.elapsedMs)),
            rejected: stats.rejected,
            rateLimited: workers.reduce((sum, w) => sum + w.rateLimited, 0),
          });
        } finally {
          await server.stop();
        }
      }
    }
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
      latencyMs: { memory: median(latency.memory), redis: median(latency.redis) },
    };
  } finally {
    redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(JSON.stringify(await sharedQuota({ rounds: 1 }), null, 2));
