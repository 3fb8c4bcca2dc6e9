import { idealDurationMs, startQuotaServer } from "@org/statsig-console-test-support/quota-server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { AbortError, createRateLimiter, createStatsigConsoleClient, freeClosedPort } from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

/** The mutations bucket of a limiter with these windows: the scheduler in front of the in-memory store. */
const bucketOf = (windows: { limit: number; intervalMs: number }[]) => createRateLimiter({ windows }).mutations;

describe("the default in-memory quota behind the scheduler (fake clock)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("both windows hold at once, in FIFO order", async () => {
    const bucket = bucketOf([
      { limit: 2, intervalMs: 1000 },
      { limit: 3, intervalMs: 10_000 },
    ]);
    const granted: number[] = [];
    // Each response arrives at once: the slot counts from then on.
    const all = [0, 1, 2, 3].map((i) =>
      bucket.acquire().then((release) => {
        granted.push(i);
        release();
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1001); // the 1 s window lets the third go
    expect(granted).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(5000); // the 10 s window still holds the fourth
    expect(granted).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(granted).toEqual([0, 1, 2, 3]);
    await Promise.all(all);
  });

  test("a slot counts until its response arrives plus the interval", async () => {
    const bucket = bucketOf([{ limit: 1, intervalMs: 1000 }]);
    const release = await bucket.acquire();
    let second = false;
    bucket.acquire().then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(5000); // still in flight: no room however long it takes
    expect(second).toBe(false);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(second).toBe(true);
  });

  test("pause holds the whole bucket, queued and new requests alike", async () => {
    const bucket = bucketOf([{ limit: 100, intervalMs: 1000 }]);
    (await bucket.acquire())();
    bucket.pause(2000);
    const granted: string[] = [];
    bucket.acquire().then(() => granted.push("queued"));
    await vi.advanceTimersByTimeAsync(1999);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(["queued"]);
  });

  test("an aborted waiter leaves the queue at once and takes no slot", async () => {
    const bucket = bucketOf([{ limit: 1, intervalMs: 1000 }]);
    (await bucket.acquire())();
    const controller = new AbortController();
    const aborted = bucket.acquire(
      controller.signal,
      () => new AbortError("aborted", { method: "POST", path: "/x", mayHaveBeenApplied: false }),
    );
    const next = bucket.acquire();
    expect(bucket.pending).toBe(2);
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    expect(bucket.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(1001);
    await next;
    expect(bucket.pending).toBe(0);
  });
});

describe("quota against a server that enforces the same windows", () => {
  const windows = [
    { limit: 5, intervalMs: 250 },
    { limit: 12, intervalMs: 1000 },
  ];

  test("concurrent mutations from two clients sharing a limiter provoke no 429 (the pace is measured by the bench)", async () => {
    const server = await startQuotaServer(windows);
    try {
      const limiter = createRateLimiter({ windows });
      const options = { apiKey: KEY, baseUrl: server.url, rateLimit: { limiter }, retry: false as const };
      const clients = [createStatsigConsoleClient(options), createStatsigConsoleClient(options)];
      const n = 30;
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          (clients[i % 2] as (typeof clients)[0]).POST("/console/v1/gates", { body: { name: `g${i}` } }),
        ),
      );
      const elapsed = Date.now() - started;
      expect(results.map((r) => r.response.status)).toEqual(Array(n).fill(201));
      expect(server.rejected()).toBe(0);
      // Reported, not asserted: timing on a shared 2-core machine is noise (the bench measures it).
      console.info(
        `quota: ${n} mutations in ${elapsed} ms, ideal ${idealDurationMs(n, windows)} ms, ratio ${(idealDurationMs(n, windows) / elapsed).toFixed(3)}, 429s ${server.rejected()}`,
      );
    } finally {
      await server.close();
    }
  });

  test("reads are not held by the mutation quota, and segments have a bucket of their own", async () => {
    const { startServer, json } = await import("./server.js");
    const server = await startServer((req, res) =>
      json(res, req.method === "GET" ? 200 : 201, { message: "ok", data: req.method === "GET" ? [] : {} }),
    );
    try {
      const client = createStatsigConsoleClient({
        apiKey: KEY,
        baseUrl: server.url,
        rateLimit: { windows: [{ limit: 1, intervalMs: 60_000 }], segmentWindows: [{ limit: 1, intervalMs: 60_000 }] },
      });
      await client.POST("/console/v1/gates", { body: { name: "first" } });
      const controller = new AbortController();
      const queued = client.POST("/console/v1/gates", { body: { name: "queued" }, signal: controller.signal });
      const read = await client.GET("/console/v1/gates");
      const segment = await client.PATCH("/console/v1/segments/{id}/id_list", {
        params: { path: { id: "s" } },
        body: { ids: ["u1"] },
      });
      expect(read.response.status).toBe(200);
      expect(segment.response.status).toBe(201);
      controller.abort();
      await expect(queued).rejects.toBeInstanceOf(AbortError);
      // The aborted mutation was never sent.
      expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
        "POST /console/v1/gates",
        "GET /console/v1/gates",
        "PATCH /console/v1/segments/s/id_list",
      ]);
    } finally {
      await server.close();
    }
  });

  test("a 429 pauses the bucket for Retry-After, and the retry takes quota again", async () => {
    let first = true;
    const { startServer, json } = await import("./server.js");
    const server = await startServer((_req, res) => {
      if (first) {
        first = false;
        return json(res, 429, { message: "slow down" }, { "retry-after": "1" });
      }
      return json(res, 201, { message: "ok", data: {} });
    });
    try {
      const limiter = createRateLimiter({ windows: [{ limit: 100, intervalMs: 60_000 }] });
      const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, rateLimit: { limiter } });
      const [a, b] = await Promise.all([
        client.POST("/console/v1/gates", { body: { name: "a" } }),
        (async () => {
          while (server.received.length === 0) await new Promise((r) => setTimeout(r, 2));
          await new Promise((r) => setTimeout(r, 20));
          return client.POST("/console/v1/gates", { body: { name: "b" } });
        })(),
      ]);
      expect([a.response.status, b.response.status]).toEqual([201, 201]);
      // b was held by the pause that a's 429 put on the whole bucket: it reached the server after a's retry window.
      const [first429, ...rest] = server.received;
      expect(rest.every((r) => r.at - (first429?.at ?? 0) >= 900)).toBe(true);
      expect(server.received).toHaveLength(3);
    } finally {
      await server.close();
    }
  });
});

const serve = serversClosedAfterEach(afterEach);

describe("time spent waiting for quota is not time spent on the request", () => {
  test("a burst through a narrow window: every POST is sent and answered, none times out unsent", async () => {
    const server = await serve((_req, res) => json(res, 201, { message: "ok", data: {} }));
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      timeoutMs: 600,
      retry: false,
      rateLimit: { windows: [{ limit: 2, intervalMs: 500 }] },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => client.POST("/console/v1/gates", { body: { name: `g${i}` } })),
    );
    // The last pair waits ~1.5 s for the window, well past timeoutMs: that wait is not the request's.
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.response.status : r.reason))).toEqual(
      Array(8).fill(201),
    );
    expect(server.received).toHaveLength(8);
  });

  test("a mutation queued behind a 429's Retry-After is sent after the pause, not failed as a timeout", async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? json(res, 429, { message: "slow down" }, { "retry-after": "1" }) : json(res, 201, { message: "ok" }),
    );
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 300, retry: false });
    const first = await client.POST("/console/v1/gates", { body: { name: "a" } });
    expect(first.response.status).toBe(429);
    const second = await client.POST("/console/v1/gates", { body: { name: "b" } });
    expect(second.response.status).toBe(201);
    // It waited out the pause the 429 put on the whole bucket before it was sent.
    expect((server.received[1]?.at ?? 0) - (server.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  test("timeoutMs: Infinity means no deadline, not an immediate one", async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => json(res, 200, { message: "ok", data: [] }), 50);
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: Infinity, retry: false });
    const { response } = await client.GET("/console/v1/gates");
    expect(response.status).toBe(200);
  });
});

describe("quota per request sent", () => {
  test("a request refused before it left is not counted in the window", async () => {
    const limiter = createRateLimiter({ windows: [{ limit: 1, intervalMs: 60_000 }] });
    const refused = await createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: await freeClosedPort(),
      rateLimit: { limiter },
      retry: false,
    })
      .POST("/console/v1/gates", { body: { name: "a" } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "ConnectionError", mayHaveBeenApplied: false });
    const server = await serve((_req, res) => json(res, 201, { message: "ok" }));
    // The window's only slot is still free: this one is sent at once rather than a minute later.
    const { response } = await createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      rateLimit: { limiter },
    }).POST("/console/v1/gates", { body: { name: "b" } });
    expect(response.status).toBe(201);
    expect(limiter.mutations.pending).toBe(0);
  });

  test("every redirect hop takes a slot of its own", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/console/v1/gates") {
        res.writeHead(307, { location: "/console/v1/gates/moved" });
        res.end();
      } else json(res, 201, { message: "ok" });
    });
    const limiter = createRateLimiter({ windows: [{ limit: 2, intervalMs: 60_000 }] });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, rateLimit: { limiter } });
    const first = await client.POST("/console/v1/gates", { body: { name: "a" } });
    expect(first.response.status).toBe(201);
    // Two requests reached the server, so both slots of the window are taken: the next POST waits.
    const controller = new AbortController();
    const second = client.POST("/console/v1/gates", { body: { name: "b" }, signal: controller.signal });
    await vi.waitFor(() => expect(limiter.mutations.pending).toBe(1));
    controller.abort();
    const error = await second.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false });
    expect(server.received).toHaveLength(2);
  });

  test("only PATCH and DELETE /console/v1/segments/{id}/id_list draw from the segment id-list bucket", async () => {
    const server = await serve((_req, res) => json(res, 201, { message: "ok" }));
    const limiter = createRateLimiter({
      windows: [{ limit: 100, intervalMs: 60_000 }],
      segmentWindows: [{ limit: 1, intervalMs: 60_000 }],
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, rateLimit: { limiter } });
    // Other segment mutations use the general quota: none of these waits on the 1-per-minute bucket.
    await client.POST("/console/v1/segments", { body: { name: "s", type: "id_list", description: "" } as never });
    await client.POST("/console/v1/segments/{id}/archive" as never, { params: { path: { id: "s" } } } as never);
    await client.PATCH("/console/v1/segments/{id}/id_list", { params: { path: { id: "s" } }, body: { ids: ["u1"] } });
    expect(server.received).toHaveLength(3);
    const controller = new AbortController();
    const held = client.DELETE("/console/v1/segments/{id}/id_list", {
      params: { path: { id: "s" } },
      body: { ids: ["u1"] },
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(limiter.segments.pending).toBe(1));
    controller.abort();
    await expect(held).rejects.toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(3);
  });
});
