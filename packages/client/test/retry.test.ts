import { getEventListeners } from "node:events";
import { afterEach, describe, expect, test } from "vitest";
import {
  ConnectionError,
  createStatsigConsoleClient,
  freeClosedPort,
  InternalServerError,
  RateLimitError,
  type RetryEvent,
  unwrap,
} from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);

function clientFor(baseUrl: string, events: RetryEvent[] = []) {
  return createStatsigConsoleClient({
    apiKey: KEY,
    baseUrl,
    rateLimit: false,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, onRetry: (e) => events.push(e) },
  });
}

describe("429", () => {
  test("Retry-After in seconds is waited for, then the POST is repeated (the server did not process it)", async () => {
    const server = await serve((_req, res, i) =>
      i === 0
        ? json(res, 429, { message: "slow down" }, { "retry-after": "1" })
        : json(res, 201, { message: "ok", data: {} }),
    );
    const events: RetryEvent[] = [];
    const { response } = await clientFor(server.url, events).POST("/console/v1/gates", { body: { name: "g" } });
    expect(response.status).toBe(201);
    expect(server.received).toHaveLength(2);
    expect(events).toEqual([{ method: "POST", path: "/console/v1/gates", attempt: 1, delayMs: 1000, reason: 429 }]);
    expect(server.received[1]?.body).toBe(server.received[0]?.body);
  });

  test("Retry-After as an HTTP date", async () => {
    const server = await serve((_req, res, i) =>
      i === 0
        ? json(res, 429, {}, { "retry-after": new Date(Date.now() + 2000).toUTCString() })
        : json(res, 200, { message: "ok", data: [] }),
    );
    const events: RetryEvent[] = [];
    await clientFor(server.url, events).GET("/console/v1/gates");
    expect(server.received).toHaveLength(2);
    expect(events[0]?.delayMs).toBeGreaterThan(0);
    expect(events[0]?.delayMs).toBeLessThanOrEqual(2000);
  });

  test("without Retry-After: capped exponential backoff; the last 429 reaches the caller", async () => {
    const server = await serve((_req, res) => json(res, 429, { message: "Too many requests" }));
    const events: RetryEvent[] = [];
    const result = await clientFor(server.url, events).PATCH("/console/v1/gates/{id}", {
      params: { path: { id: "a" } },
      body: { description: "x" },
    });
    expect(result.response.status).toBe(429);
    expect(server.received).toHaveLength(3);
    expect(events.map((e) => e.attempt)).toEqual([1, 2]);
    for (const e of events) expect(e.delayMs).toBeLessThanOrEqual(5);
  });
});

test("429 with a Retry-After longer than maxRetryAfterMs goes to the caller at once", async () => {
  const server = await serve((_req, res) => json(res, 429, { message: "quota" }, { "retry-after": "900" }));
  const events: RetryEvent[] = [];
  const error = await unwrap(clientFor(server.url, events).GET("/console/v1/gates")).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect((error as RateLimitError).retryAfterMs).toBe(900_000);
  expect(events).toEqual([]);
  expect(server.received).toHaveLength(1);
});

describe("5xx: retried only where repeating cannot duplicate a change", () => {
  test.each([
    ["GET", 3],
    ["PUT", 3],
    ["DELETE", 3],
    ["POST", 1],
    ["PATCH", 1],
  ])("%s is sent %i time(s)", async (method, attempts) => {
    const server = await serve((_req, res) => json(res, 503, { message: "unavailable" }));
    const client = clientFor(server.url) as unknown as Record<
      string,
      (p: string, i: object) => Promise<{ response: Response }>
    >;
    const init = method === "GET" ? {} : { params: { path: { id: "a" } }, body: { name: "n", description: "d" } };
    const path = method === "GET" || method === "POST" ? "/console/v1/gates" : "/console/v1/gates/{id}";
    const { response } = await (client[method] as (p: string, i: object) => Promise<{ response: Response }>)(
      path,
      init,
    );
    expect(response.status).toBe(503);
    expect(server.received).toHaveLength(attempts);
    expect(new Set(server.received.map((r) => r.body)).size).toBe(1);
  });

  test("unwrap turns the final 5xx into InternalServerError with the server's message and request id", async () => {
    const server = await serve((_req, res) => json(res, 500, { message: "boom" }, { "x-request-id": "req-42" }));
    const error = await unwrap(
      clientFor(server.url).GET("/console/v1/gates/{id}", { params: { path: { id: "a" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, method: "GET", path: "/console/v1/gates/{id}", requestId: "req-42" });
    expect((error as InternalServerError).serverMessage).toBe("boom");
  });
});

describe("connection failures", () => {
  test("a refused connection is retried even for POST (nothing was sent), then throws ConnectionError", async () => {
    const events: RetryEvent[] = [];
    const error = await clientFor(await freeClosedPort(), events)
      .POST("/console/v1/gates", { body: { name: "g" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(events.map((e) => e.reason)).toEqual(["connection", "connection"]);
  });

  test("a connection reset after the POST was sent is not retried", async () => {
    const server = await serve((_req, res) => {
      res.socket?.destroy();
    });
    const error = await clientFor(server.url)
      .POST("/console/v1/gates", { body: { name: "g" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.received).toHaveLength(1);
  });

  test("a reset GET is retried", async () => {
    const server = await serve((_req, res, i) => {
      if (i < 2) res.socket?.destroy();
      else json(res, 200, { message: "ok", data: [] });
    });
    const { response } = await clientFor(server.url).GET("/console/v1/gates");
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(3);
  });
});

test("a body that cannot be decoded (gzip header, plain body) is not repeated: one request, a typed error", async () => {
  const server = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    res.end("this is not gzip");
  });
  const events: RetryEvent[] = [];
  const error = await clientFor(server.url, events)
    .GET("/console/v1/gates")
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect((error as Error).message).toMatch(/reading the response: Z_DATA_ERROR/);
  expect(server.received).toHaveLength(1);
  expect(events).toEqual([]);
});

describe("429 pauses are bounded", () => {
  test("Retry-After: 3000000 goes to the caller, and the bucket pause is clamped to maxRetryAfterMs", async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? json(res, 429, { message: "quota" }, { "retry-after": "3000000" }) : json(res, 201, { message: "ok" }),
    );
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      retry: { maxRetryAfterMs: 200, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await unwrap(client.POST("/console/v1/gates", { body: { name: "a" } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3_000_000_000, mayHaveBeenApplied: false });
    // Not paused for 35 days (nor spinning a 1 ms timer forever): the next mutation goes out.
    const next = await client.POST("/console/v1/gates", { body: { name: "b" } });
    expect(next.response.status).toBe(201);
  });

  test.each(["-5", "1 2", "soon", "12abc"])("Retry-After: %j is unreadable, not a date in the past", async (value) => {
    const server = await serve((_req, res) => json(res, 429, { message: "quota" }, { "retry-after": value }));
    const error = await unwrap(
      createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false }).GET("/console/v1/gates"),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeUndefined();
  });
});

describe("onRateLimit: the caller decides", () => {
  test("false gives up at once; the event says what the server asked for", async () => {
    const server = await serve((_req, res) => json(res, 429, { message: "quota" }, { "retry-after": "2" }));
    const events: unknown[] = [];
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      retry: {
        onRateLimit: (event) => {
          events.push(event);
          return false;
        },
      },
    });
    const { response } = await client.POST("/console/v1/gates", { body: { name: "a" } });
    expect(response.status).toBe(429);
    expect(server.received).toHaveLength(1);
    expect(events).toEqual([
      { method: "POST", path: "/console/v1/gates", attempt: 1, retryAfterMs: 2000, delayMs: 2000 },
    ]);
  });

  test("it is asked about 429s only, not about 5xx retries", async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? json(res, 503, { message: "busy" }) : json(res, 200, { message: "ok", data: [] }),
    );
    let asked = 0;
    const { response } = await createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      retry: {
        baseDelayMs: 1,
        onRateLimit: () => {
          asked++;
          return false;
        },
      },
    }).GET("/console/v1/gates");
    expect(response.status).toBe(200);
    expect(asked).toBe(0);
  });

  test("true retries beyond maxRetries; nothing keeps the default", async () => {
    const server = await serve((_req, res, i) =>
      i < 3 ? json(res, 429, { message: "quota" }) : json(res, 201, { message: "ok" }),
    );
    const attempts: number[] = [];
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      retry: {
        maxRetries: 0,
        baseDelayMs: 1,
        maxDelayMs: 2,
        onRateLimit: ({ attempt, retryAfterMs }) => {
          attempts.push(attempt);
          expect(retryAfterMs).toBeUndefined();
          return attempt < 3 ? true : undefined;
        },
      },
    });
    const { response } = await client.POST("/console/v1/gates", { body: { name: "a" } });
    // Attempt 3's 429 fell back to the default, and maxRetries: 0 says stop.
    expect(response.status).toBe(429);
    expect(attempts).toEqual([1, 2, 3]);
    expect(server.received).toHaveLength(3);
  });
});

describe("cleanup", () => {
  test("after a retried success the caller's signal has no listener of ours left", async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? json(res, 503, { message: "busy" }) : json(res, 200, { message: "ok", data: [] }),
    );
    const controller = new AbortController();
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: { baseDelayMs: 1 } });
    const { response } = await client.GET("/console/v1/gates", { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(server.received).toHaveLength(2);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
