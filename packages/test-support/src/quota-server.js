// A loopback HTTP server that plays Statsig's mutation quota, shared by the client's and the Redis store's tests and
// by the bench (plain JavaScript, with quota-server.d.ts beside it, so the bench's .mjs files can import it too).
import { createServer } from "node:http";

/**
 * Statsig's documented quota as a decision: a sliding log per window, and rejected attempts count too (every
 * mutation is logged, admitted or not). `admit()` is false when any window is already full.
 */
export function quotaLog(windows) {
  const log = [];
  let rejected = 0;
  return {
    admit(now = Date.now()) {
      const full = windows.some((w) => log.filter((t) => t > now - w.intervalMs).length >= w.limit);
      log.push(now);
      if (full) rejected++;
      return !full;
    },
    rejected: () => rejected,
  };
}

/**
 * The quota as a server: reads answer 200, mutations 201 or (a window full) 429. `hang: true` never answers a
 * mutation (holders of slots that die); `hangFirst: n` counts the first n mutations and never answers them.
 * `answer(res, status)` writes an answer of your own instead (the bench's payloads).
 */
export async function startQuotaServer(windows, options = {}) {
  const quota = quotaLog(windows);
  let received = 0;
  const answer =
    options.answer ??
    ((res, status) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          status === 429 ? { message: "Too many requests" } : { message: "ok", data: status === 200 ? [] : {} },
        ),
      );
    });
  const server = createServer((req, res) => {
    req.resume();
    if (req.method === "GET") return answer(res, 200, req);
    received++;
    if (options.hang) return; // the socket stays open until the client goes away
    const admitted = quota.admit();
    // The first requests arrive (and count, as the API counts them) but are never answered.
    if (received <= (options.hangFirst ?? 0)) return;
    answer(res, admitted ? 201 : 429, req);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    rejected: quota.rejected,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Shortest time in which `n` requests fit the windows, sending each as early as the windows allow. */
export function idealDurationMs(n, windows) {
  const times = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (const w of windows) if (i >= w.limit) t = Math.max(t, times[i - w.limit] + w.intervalMs);
    times.push(t);
  }
  return times[n - 1] ?? 0;
}
