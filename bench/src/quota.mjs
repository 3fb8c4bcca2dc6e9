// Quota efficiency: N concurrent mutations through the limiter against a server (own process) that
// enforces the same scaled-down windows; elapsed time against the ideal the windows allow, and 429s.
import { createRateLimiter, createStatsigConsoleClient } from "@org/statsig-console-client";
import { idealDurationMs as idealMs } from "@org/statsig-console-test-support/quota-server";
import { startServerProcess } from "./util.mjs";

export const WINDOWS = [
  { limit: 10, intervalMs: 1_000 },
  { limit: 25, intervalMs: 4_000 },
];

export async function quota({ n = 60, rounds = 3 } = {}) {
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const server = await startServerProcess(WINDOWS);
    try {
      const limiter = createRateLimiter({ windows: WINDOWS });
      const client = createStatsigConsoleClient({
        apiKey: "console-bench",
        baseUrl: server.url,
        rateLimit: { limiter },
        retry: false,
      });
      const started = performance.now();
      const responses = await Promise.all(
        Array.from({ length: n }, (_, i) => client.POST("/console/v1/gates", { body: { name: `gate_${i}` } })),
      );
      const elapsed = performance.now() - started;
      const stats = await server.stats();
      results.push({
        elapsedMs: elapsed,
        idealMs: idealMs(n, WINDOWS),
        efficiency: idealMs(n, WINDOWS) / elapsed,
        rejected: stats.rejected,
        ok: responses.filter((r) => r.response.ok).length,
      });
    } finally {
      await server.stop();
    }
  }
  return { n, windows: WINDOWS, rounds: results };
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(JSON.stringify(await quota({ n: 40, rounds: 1 }), null, 2));
