import type { paths } from "@org/statsig-console-types";
import createClient, { type Middleware } from "openapi-fetch";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { createRateLimiter, rateLimitMiddleware } from "./fixtures.js";

// Fake timers and an in-process fetch: the cases are what openapi-fetch does around the middleware.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function plainClient(...middleware: Middleware[]) {
  const sent: string[] = [];
  const client = createClient<paths>({
    baseUrl: "https://statsigapi.net",
    fetch: async (request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return Response.json({ message: "ok", data: {} }, { status: 201 });
    },
  });
  client.use(...middleware);
  return { client, sent };
}

test.each([
  ["throws in onRequest", { onRequest: () => Promise.reject(new Error("boom")) }],
  ["answers from onRequest", { onRequest: () => Response.json({ cached: true }) }],
] as const)("a later middleware that %s does not hold the slot forever", async (_name, other) => {
  const limiter = createRateLimiter({ windows: [{ limit: 1, intervalMs: 1000 }] });
  let once = true;
  const { client, sent } = plainClient(rateLimitMiddleware(limiter), {
    onRequest: (params) => {
      if (!once) return undefined;
      once = false;
      return (other.onRequest as (p: unknown) => unknown)(params) as undefined;
    },
  });
  await client.POST("/console/v1/gates", { body: { name: "a" } }).catch(() => {});
  let done = false;
  const second = client.POST("/console/v1/gates", { body: { name: "b" } }).then((r) => {
    done = true;
    return r;
  });
  await vi.advanceTimersByTimeAsync(5_000);
  expect(done).toBe(false); // the slot is leased, not lost...
  await vi.advanceTimersByTimeAsync(60_000);
  expect(done).toBe(true); // ...and given back: no deadlock
  expect((await second).response.status).toBe(201);
  expect(sent).toEqual(["POST /console/v1/gates"]);
});

test("a later middleware that throws in onResponse (so ours never runs): the slot comes back by its lease", async () => {
  const limiter = createRateLimiter({ windows: [{ limit: 1, intervalMs: 1000 }] });
  let once = true;
  const { client, sent } = plainClient(rateLimitMiddleware(limiter), {
    onResponse: () => {
      if (!once) return undefined;
      once = false;
      throw new Error("boom");
    },
  });
  await expect(client.POST("/console/v1/gates", { body: { name: "a" } })).rejects.toThrow("boom");
  let done = false;
  const second = client.POST("/console/v1/gates", { body: { name: "b" } }).then((r) => {
    done = true;
    return r;
  });
  await vi.advanceTimersByTimeAsync(30_000);
  expect(done).toBe(false);
  await vi.advanceTimersByTimeAsync(31_001);
  expect((await second).response.status).toBe(201);
  expect(sent).toHaveLength(2);
});

test("a 429 pauses the bucket, clamped to 60 s whatever Retry-After says", async () => {
  const limiter = createRateLimiter({ windows: [{ limit: 100, intervalMs: 1000 }] });
  let first = true;
  const client = createClient<paths>({
    baseUrl: "https://statsigapi.net",
    fetch: async () => {
      if (first) {
        first = false;
        return Response.json({ message: "slow" }, { status: 429, headers: { "retry-after": "3000000" } });
      }
      return Response.json({ message: "ok" }, { status: 201 });
    },
  });
  client.use(rateLimitMiddleware(limiter));
  expect((await client.POST("/console/v1/gates", { body: { name: "a" } })).response.status).toBe(429);
  let done = false;
  const second = client.POST("/console/v1/gates", { body: { name: "b" } }).then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(59_000);
  expect(done).toBe(false);
  await vi.advanceTimersByTimeAsync(1_001);
  expect(done).toBe(true);
  await second;
});
