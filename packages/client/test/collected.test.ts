import { createServer, type Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, test } from "vitest";
import { AbortError, createStatsigConsoleClient, TimeoutError } from "./fixtures.js";
import { KEY } from "./server.js";

// A fresh context's `gc` after --expose-gc: forces collections while a request is in flight.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

async function silentServer() {
  // Accepts connections and never answers: only the client's timeout or the caller's abort can end a request.
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test.each([
  ["its timeout", TimeoutError, undefined],
  ["the caller's abort", AbortError, 300],
] as const)(
  "a request in flight while the garbage collector runs still ends with %s",
  async (_what, kind, abortAfterMs) => {
    const server = await silentServer();
    const collecting = setInterval(gc, 5);
    try {
      const client = createStatsigConsoleClient({
        apiKey: KEY,
        baseUrl: server.url,
        timeoutMs: abortAfterMs ? 60_000 : 300,
        retry: false,
      });
      for (const method of ["GET", "POST"] as const) {
        const signal = abortAfterMs ? AbortSignal.timeout(abortAfterMs) : undefined;
        const call =
          method === "GET"
            ? client.GET("/console/v1/gates", { signal })
            : client.POST("/console/v1/gates", { body: { name: "g" }, signal });
        const outcome = await Promise.race([
          call.catch((error: unknown) => error),
          new Promise((resolve) => setTimeout(() => resolve("still hanging"), 5_000)),
        ]);
        expect(outcome).toBeInstanceOf(kind);
      }
    } finally {
      clearInterval(collecting);
      await server.close();
    }
  },
);
