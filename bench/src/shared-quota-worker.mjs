// One process of a project for the shared-quota bench: its own client, its limiter in memory or in Redis.
// argv: baseUrl redisUrl project n mode(memory|redis) windowsJson sequential(0|1)
import { createRateLimiter, createStatsigConsoleClient } from "@org/statsig-console-client";
import { redisQuotaStore } from "@org/statsig-console-quota-redis";
import { Redis } from "ioredis";

const [baseUrl, redisUrl, project, n, mode, windowsJson, sequential] = process.argv.slice(2);
const redis = mode === "redis" ? new Redis(redisUrl, { maxRetriesPerRequest: null }) : undefined;
redis?.on("error", () => {}); // Redis restarted mid-run: ioredis reconnects; the store's own errors are counted below
const store = redis ? redisQuotaStore({ redis, project }) : undefined;
const limiter = createRateLimiter({ windows: JSON.parse(windowsJson), store });
const client = createStatsigConsoleClient({ apiKey: "console-bench", baseUrl, retry: false, rateLimit: { limiter } });
const post = (i) => client.POST("/console/v1/gates", { body: { name: `g_${process.pid}_${i}` } });

if (redis) await redis.ping(); // connected before the clock starts
const latencies = [];
let rateLimited = 0;
let failed = 0;
const started = performance.now();
if (sequential === "1") {
  for (let i = 0; i < Number(n); i++) {
    const t = performance.now();
    const { response } = await post(i);
    latencies.push(performance.now() - t);
    if (response.status === 429) rateLimited++;
  }
} else {
  const responses = await Promise.all(
    Array.from({ length: Number(n) }, (_, i) =>
      post(i).catch(() => {
        failed++;
      }),
    ),
  );
  rateLimited = responses.filter((r) => r?.response.status === 429).length;
}
console.log(JSON.stringify({ elapsedMs: performance.now() - started, rateLimited, failed, latencies }));
await redis?.quit();
