import { getEventListeners } from "node:events";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  AbortError,
  ConnectionError,
  createRateLimiter,
  createStatsigConsoleClient,
  freeClosedPort,
  RateLimitError,
  type RetryEvent,
  TimeoutError,
  unwrap,
} from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

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

describe("the body is read inside the attempt", () => {
  test("a GET whose connection resets after the headers arrived is retried", async () => {
    const server = await serve((_req, res, i) => {
      if (i > 0) return json(res, 200, { message: "ok", data: [] });
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"message": "o', () => res.socket?.destroy());
    });
    const events: RetryEvent[] = [];
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      retry: { baseDelayMs: 1, maxDelayMs: 2, onRetry: (e) => events.push(e) },
    });
    const { data, response } = await client.GET("/console/v1/gates");
    expect(response.status).toBe(200);
    expect(data).toEqual({ message: "ok", data: [] });
    expect(events.map((e) => e.reason)).toEqual(["connection"]);
  });

  test("a POST whose body is cut short is not repeated, and may have been applied", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(201, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"message": "o', () => res.socket?.destroy());
    });
    const error = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url })
      .POST("/console/v1/gates", { body: { name: "a" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ method: "POST", path: "/console/v1/gates", mayHaveBeenApplied: true });
    expect(server.received).toHaveLength(1);
  });

  test("the caller's abort while the body is read is an AbortError carrying the caller's reason", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"message": "o'); // and never more
    });
    let headersArrived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      headersArrived = resolve;
    });
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      fetch: async (input) => {
        const response = await globalThis.fetch(input);
        headersArrived();
        return response;
      },
    });
    const controller = new AbortController();
    const pending = client.GET("/console/v1/gates", { signal: controller.signal }).catch((e: unknown) => e);
    await arrived;
    const reason = new Error("the user closed the page");
    controller.abort(reason);
    const error = await pending;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBe(reason);
    expect(server.received).toHaveLength(1);
  });

  test("a body that stalls is covered by the timeout", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"message": "o');
    });
    const error = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 150, retry: false })
      .GET("/console/v1/gates")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe("after the attempt has read the body, every reader gets the same bytes", () => {
  const gates = { message: "Gates listed", data: [{ id: "a", name: "é ü" }] };

  test("parseAs json, text, arrayBuffer and blob", async () => {
    const server = await serve((_req, res) => json(res, 200, gates));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const path = "/console/v1/gates";
    expect((await client.GET(path)).data).toEqual(gates);
    expect((await client.GET(path, { parseAs: "text" })).data).toBe(JSON.stringify(gates));
    const buffer = (await client.GET(path, { parseAs: "arrayBuffer" })).data as ArrayBuffer;
    expect(new TextDecoder().decode(buffer)).toBe(JSON.stringify(gates));
    const blob = (await client.GET(path, { parseAs: "blob" })).data as Blob;
    expect(blob.type).toBe("application/json");
    expect(await blob.text()).toBe(JSON.stringify(gates));
  });

  test("an error body is parsed into `error`; the response keeps its url, status and headers", async () => {
    const server = await serve((_req, res) =>
      json(res, 404, { status: 404, message: "no such gate" }, { "x-id": "7" }),
    );
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const { error, response } = await client.GET("/console/v1/gates/{id}", { params: { path: { id: "nope" } } });
    expect(error).toEqual({ status: 404, message: "no such gate" });
    expect(response.url).toBe(`${server.url}/console/v1/gates/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-id")).toBe("7");
  });

  test("a middleware that clones the response reads the body too, and the call still gets its data", async () => {
    const server = await serve((_req, res) => json(res, 200, gates));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const seen: unknown[] = [];
    client.use({
      async onResponse({ response }) {
        const copy = response.clone();
        seen.push(await copy.json(), copy.status, copy.url, copy.headers.get("content-type"));
      },
    });
    const { data, response } = await client.GET("/console/v1/gates");
    expect(data).toEqual(gates);
    expect(seen).toEqual([gates, 200, `${server.url}/console/v1/gates`, "application/json"]);
    expect(response.bodyUsed).toBe(true);
  });

  test("a middleware may still replace the response", async () => {
    const server = await serve((_req, res) => json(res, 200, gates));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    client.use({ onResponse: () => Response.json({ message: "replaced", data: [] }) });
    expect((await client.GET("/console/v1/gates")).data).toEqual({ message: "replaced", data: [] });
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

describe("answers the Response constructor refuses still reach the caller as fetch gave them", () => {
  // A raw socket server: Node's http server will not write a reason phrase outside latin-1.
  async function rawServer(statusLine: string) {
    const { createServer } = await import("node:net");
    const server = createServer((socket) => {
      socket.once("data", () => {
        const body = '{"message":"odd"}';
        socket.end(
          `HTTP/1.1 ${statusLine}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  test.each([
    ["a status above 599", "600 Beyond", 600, "Beyond"],
    ["a reason phrase beyond latin-1", "200 \u{2713}kay", 200, "\u{2713}kay"],
  ])("%s", async (_what, statusLine, status, statusText) => {
    const server = await rawServer(statusLine);
    try {
      const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
      const { response } = await client.GET("/console/v1/gates");
      expect([response.status, response.statusText]).toEqual([status, statusText]);
    } finally {
      await server.close();
    }
  });

  test("a HEAD answer has no body, as fetch's", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url });
    const { response } = await client.HEAD("/console/v1/gates" as never, {} as never);
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });
});
