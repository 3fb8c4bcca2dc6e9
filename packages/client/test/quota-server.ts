import type { QuotaWindow } from "../src/index.js";
import { json, startServer } from "./server.js";

/**
 * A loopback server that enforces quota windows the way Statsig documents them: a sliding log per
 * window, mutations only, and rejected attempts count too. Answers 429 when any window is full.
 */
export async function startQuotaServer(windows: QuotaWindow[]) {
  const log: number[] = [];
  let rejected = 0;
  const server = await startServer((req, res) => {
    if (req.method === "GET") return json(res, 200, { message: "ok", data: [] });
    const now = Date.now();
    const full = windows.some((w) => log.filter((t) => t > now - w.intervalMs).length >= w.limit);
    log.push(now);
    if (full) {
      rejected++;
      return json(res, 429, { message: "Too many requests" });
    }
    return json(res, 201, { message: "ok", data: {} });
  });
  return { ...server, rejected: () => rejected };
}

/** Shortest time in which `n` requests fit the windows, sending each as early as the windows allow. */
export function idealDurationMs(n: number, windows: QuotaWindow[]): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (const w of windows) if (i >= w.limit) t = Math.max(t, (times[i - w.limit] as number) + w.intervalMs);
    times.push(t);
  }
  return times[n - 1] ?? 0;
}
