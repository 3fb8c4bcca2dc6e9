// Quota efficiency: N concurrent mutations through the limiter against a server (own process) that
// enforces the same scaled-down windows; elapsed time against the ideal the windows allow, and 429s.
import { createRateLimiter, createStatsigConsoleClient } from "@org/statsig-console-client";
import { startServerProcess } from "./util.mjs";

export const WINDOWS = [
  { limit: 10, intervalMs: 1_000 },
  { limit: 25, intervalMs: 4_000 },
];

/** Earliest time each request may start when every window must hold: the schedule a perfect client follows. */
export function idealMs(n, windows) {
  const times = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (const w of windows) if (i >= w.limit) t = Math.max(t, times[i - w.limit] + w.intervalMs);
    times.push(t);
  }
  return times[n - 1];
}

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
