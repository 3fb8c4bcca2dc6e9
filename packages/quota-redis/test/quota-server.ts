import { createServer, type Server } from "node:http";
import type { QuotaWindow } from "@org/statsig-console-client";

/**
 * A loopback server that enforces quota windows as Statsig documents them (a sliding log per window, rejected
 * attempts count too) and counts its 429s. `hang: true` never answers mutations (holders of slots that die);
 * `hangFirst: n` counts the first n and never answers them, and answers the rest.
 */
export async function startQuotaServer(windows: QuotaWindow[], options: { hang?: boolean; hangFirst?: number } = {}) {
  const log: number[] = [];
  let rejected = 0;
  let received = 0;
  const server: Server = createServer((_req, res) => {
    received++;
    if (options.hang) return; // the socket stays open until the client goes away
    const now = Date.now();
    const full = windows.some((w) => log.filter((t) => t > now - w.intervalMs).length >= w.limit);
    log.push(now);
    // `hangFirst`: the first requests arrive (and count, as the API counts them) but are never answered.
    if (received <= (options.hangFirst ?? 0)) return;
    res.writeHead(full ? 429 : 201, { "content-type": "application/json" });
    if (full) rejected++;
    res.end(JSON.stringify(full ? { message: "Too many requests" } : { message: "ok", data: {} }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    rejected: () => rejected,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
