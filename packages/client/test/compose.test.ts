import type { paths } from "@org/statsig-console-types";
import createClient, { type Middleware } from "openapi-fetch";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { authMiddleware, rateLimitFetch } from "../src/compose.js";
import { AbortError, ConfigurationError, ConnectionError, createRateLimiter, type QuotaStore } from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);

describe("the compose entry on a plain openapi-fetch client, against a real server", () => {
  test("authMiddleware sets the key and version, and validates the key up front", async () => {
    const server = await serve((_req, res) => json(res, 200, { message: "ok", data: [] }));
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(authMiddleware({ apiKey: KEY }));
    await client.GET("/console/v1/gates");
    expect(server.received[0]?.headers).toMatchObject({ "statsig-api-key": KEY, "statsig-api-version": "20240601" });
    expect(() => authMiddleware({ apiKey: "secret-abc" })).toThrow(ConfigurationError);
  });

  test("rateLimitFetch holds mutations beyond the window (reads pass) and a queued abort is never sent", async () => {
    const server = await serve((req, res) => json(res, req.method === "GET" ? 200 : 201, { message: "ok", data: {} }));
    const limiter = createRateLimiter({ windows: [{ limit: 1, intervalMs: 60_000 }] });
    const client = createClient<paths>({ baseUrl: server.url, fetch: rateLimitFetch(limiter) });
    client.use(authMiddleware({ apiKey: KEY }));
    await client.POST("/console/v1/gates", { body: { name: "first" } });
    const controller = new AbortController();
    const held = client.POST("/console/v1/gates", { body: { name: "held" }, signal: controller.signal });
    expect((await client.GET("/console/v1/gates")).response.status).toBe(200);
    expect(limiter.mutations.pending).toBe(1);
    controller.abort();
    await expect(held).rejects.toBeInstanceOf(AbortError);
    expect(limiter.mutations.pending).toBe(0);
    expect(server.received.map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  test("a store that cannot grant a slot: a typed ConnectionError, and nothing sent", async () => {
    const server = await serve((_req, res) => json(res, 201, { message: "ok", data: {} }));
    const unavailable: QuotaStore = () => ({
      take: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
      release: () => {},
      pause: () => {},
    });
    const client = createClient<paths>({
      baseUrl: server.url,
      fetch: rateLimitFetch(createRateLimiter({ store: unavailable })),
    });
    const error = await client.POST("/console/v1/gates", { body: { name: "g" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ method: "POST", path: "/console/v1/gates", mayHaveBeenApplied: false });
    expect(((error as Error).cause as Error).message).toMatch(/ECONNREFUSED/);
    expect(server.received).toEqual([]);
  });
});

describe("rateLimitFetch and other middleware (fake clock, in-process fetch)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function plainClient(limitPerSecond: number, onceMiddleware: Partial<Middleware>) {
    const sent: string[] = [];
    const limiter = createRateLimiter({ windows: [{ limit: limitPerSecond, intervalMs: 1000 }] });
    const client = createClient<paths>({
      baseUrl: "https://statsigapi.net",
      fetch: rateLimitFetch(limiter, async (request) => {
        sent.push(`${request.method} ${new URL(request.url).pathname}`);
        return Response.json({ message: "ok", data: {} }, { status: 201 });
      }),
    });
    let once = true;
    const wrapped = Object.fromEntries(
      Object.entries(onceMiddleware).map(([hook, fn]) => [
        hook,
        (params: unknown) => {
          if (!once) return undefined;
          once = false;
          return (fn as (p: unknown) => unknown)(params);
        },
      ]),
    );
    client.use(wrapped as Middleware);
    return { client, sent, limiter };
  }

  test.each([
    ["throws in onRequest", { onRequest: () => Promise.reject(new Error("boom")) }],
    ["answers from onRequest", { onRequest: () => Response.json({ cached: true }) }],
  ] as const)("a middleware that %s takes no slot: the next mutation goes at once", async (_name, other) => {
    const { client, sent, limiter } = plainClient(1, other);
    await client.POST("/console/v1/gates", { body: { name: "a" } }).catch(() => {});
    const second = await client.POST("/console/v1/gates", { body: { name: "b" } });
    expect(second.response.status).toBe(201);
    expect(sent).toEqual(["POST /console/v1/gates"]);
    expect(limiter.mutations.pending).toBe(0);
  });

  test("a middleware that throws in onResponse: the slot was released with the response, and counts its interval", async () => {
    const { client, sent } = plainClient(1, {
      onResponse: () => {
        throw new Error("boom");
      },
    });
    await expect(client.POST("/console/v1/gates", { body: { name: "a" } })).rejects.toThrow("boom");
    let done = false;
    const second = client.POST("/console/v1/gates", { body: { name: "b" } }).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false); // it was sent: it counts for the window's interval...
    await vi.advanceTimersByTimeAsync(2);
    expect(done).toBe(true); // ...and no longer (no lease to wait out)
    expect((await second).response.status).toBe(201);
    expect(sent).toHaveLength(2);
  });

  test("a 429 pauses the bucket, clamped to 60 s whatever Retry-After says", async () => {
    const limiter = createRateLimiter({ windows: [{ limit: 100, intervalMs: 1000 }] });
    let first = true;
    const client = createClient<paths>({
      baseUrl: "https://statsigapi.net",
      fetch: rateLimitFetch(limiter, async () => {
        if (first) {
          first = false;
          return Response.json({ message: "slow" }, { status: 429, headers: { "retry-after": "3000000" } });
        }
        return Response.json({ message: "ok" }, { status: 201 });
      }),
    });
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

  test("a fetch that fails before sending frees its slot uncounted; one that fails after sending counts", async () => {
    const limiter = createRateLimiter({ windows: [{ limit: 1, intervalMs: 1000 }] });
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    const failures = [refused, reset];
    const fetch = rateLimitFetch(limiter, async () => {
      const failure = failures.shift();
      if (failure) throw failure;
      return new Response(null, { status: 204 });
    });
    const post = () => fetch(new Request("https://statsigapi.net/console/v1/gates", { method: "POST" }));
    await expect(post()).rejects.toBe(refused);
    await expect(post()).rejects.toBe(reset); // at once: the refused one took nothing
    let done = false;
    const third = post().then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false); // the reset one may have reached the server: it counts
    await vi.advanceTimersByTimeAsync(2);
    await third;
    expect(done).toBe(true);
  });
});

test("rateLimitFetch reads the method and the signal from init over the Request's, as fetch does", async () => {
  const sent: string[] = [];
  const limiter = createRateLimiter({ windows: [{ limit: 1, intervalMs: 60_000 }] });
  const fetch = rateLimitFetch(limiter, async (input, init) => {
    sent.push(init?.method ?? (input as Request).method);
    return new Response(null, { status: 204 });
  });
  const url = "https://statsigapi.net/console/v1/gates";
  await fetch(new Request(url), { method: "POST" }); // a mutation by its init: it takes the window's one slot
  const stop = new AbortController();
  const held = fetch(new Request(url), { method: "POST", signal: stop.signal });
  expect(limiter.mutations.pending).toBe(1);
  stop.abort();
  await expect(held).rejects.toBeInstanceOf(AbortError);
  expect(limiter.mutations.pending).toBe(0);
  expect(sent).toEqual(["POST"]);
});
