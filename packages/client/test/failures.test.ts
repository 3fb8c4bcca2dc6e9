import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createStatsigConsoleClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  type RetryEvent,
  StatsigConsoleError,
  TimeoutError,
  unwrap,
} from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);
const client = (baseUrl: string, extra: object = {}) =>
  createStatsigConsoleClient({ apiKey: KEY, baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...extra });

/** The key must not appear anywhere a caller or a log could see it. */
function expectNoKey(value: unknown) {
  const seen = [String(value), JSON.stringify(value), inspect(value, { depth: 10, showHidden: true })];
  if (value instanceof Error) seen.push(String(value.stack));
  for (const text of seen) expect(text).not.toContain(KEY);
}

describe("timeouts", () => {
  test("a hanging server times out per attempt; GET gets a fresh deadline on each retry", async () => {
    const server = await serve(() => {}); // never answers
    const events: RetryEvent[] = [];
    const retry = { baseDelayMs: 1, maxDelayMs: 2, onRetry: (e: RetryEvent) => events.push(e) };
    const error = await client(server.url, { timeoutMs: 150, retry })
      .GET("/console/v1/gates")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    // Three attempts, each of which ran into its own deadline (the server may not have logged the last yet).
    expect(events.map((e) => e.reason)).toEqual(["timeout", "timeout"]);
    expect(server.received.length).toBeGreaterThanOrEqual(2);
    expectNoKey(error);
  });

  test("a POST that timed out is not repeated", async () => {
    const server = await serve(() => {});
    const events: RetryEvent[] = [];
    const error = await client(server.url, { timeoutMs: 150, retry: { onRetry: (e: RetryEvent) => events.push(e) } })
      .POST("/console/v1/gates", { body: { name: "g" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(events).toEqual([]);
    expect(server.received.length).toBeLessThanOrEqual(1);
  });

  test("the caller's signal aborts an attempt in flight with AbortError, not a timeout", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = client(server.url, { timeoutMs: 10_000 }).GET("/console/v1/gates", { signal: controller.signal });
    while (server.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
  });
});

describe("bodies that are not what the spec says", () => {
  test("malformed JSON in a 200 is a ResponseParseError", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"message": "ok", "data": [');
    });
    const error = await client(server.url)
      .GET("/console/v1/gates")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ method: "GET", path: "/console/v1/gates" });
  });

  test("an HTML error page becomes the error body, summarised in the message", async () => {
    const html = `<html><body><h1>502 Bad Gateway</h1>${"x".repeat(500)}</body></html>`;
    const server = await serve((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(html);
    });
    const result = await client(server.url, { retry: false }).GET("/console/v1/gates");
    expect(result.error).toBe(html);
    const error = await unwrap(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).message).toMatch(/failed with 502: non-JSON body \(\d+ bytes of HTML\)/);
  });
});

describe("typed errors by status", () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, InternalServerError],
  ])("%i -> %o, carrying status, method, path template and message, never the key", async (status, ErrorClass) => {
    const server = await serve((_req, res) =>
      json(res, status, { status, message: `said ${status}` }, { "retry-after": "600" }),
    );
    const error = await unwrap(
      client(server.url, { retry: false }).DELETE("/console/v1/gates/{id}", { params: { path: { id: "g1" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(StatsigConsoleError);
    expect(error).toMatchObject({
      status,
      method: "DELETE",
      path: "/console/v1/gates/{id}",
      serverMessage: `said ${status}`,
    });
    if (error instanceof RateLimitError) expect(error.retryAfterMs).toBe(600_000);
    expectNoKey(error);
  });

  test("a missing key reaching the server as 401 is an AuthenticationError", async () => {
    const server = await serve((req, res) =>
      req.headers["statsig-api-key"] === KEY ? json(res, 200, {}) : json(res, 401, { message: "Unauthorized" }),
    );
    const error = await unwrap(
      createStatsigConsoleClient({ apiKey: "console-wrong", baseUrl: server.url }).GET("/console/v1/gates"),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});

describe("redirects", () => {
  test("the key follows a same-origin redirect but never a cross-origin one", async () => {
    const other = await serve((_req, res) => json(res, 200, { message: "elsewhere", data: [] }));
    const api = await serve((req, res) => {
      if (req.url.startsWith("/console/v1/gates")) {
        res.writeHead(307, { location: "/console/v1/moved" });
        res.end();
      } else if (req.url === "/console/v1/moved") {
        res.writeHead(302, { location: `${other.url}/landing` });
        res.end();
      }
    });
    const { data } = await client(api.url).GET("/console/v1/gates");
    expect(data).toMatchObject({ message: "elsewhere" });
    expect(api.received.map((r) => r.headers["statsig-api-key"])).toEqual([KEY, KEY]);
    expect(other.received).toHaveLength(1);
    expect(other.received[0]?.headers).not.toHaveProperty("statsig-api-key");
    expect(other.received[0]?.headers["statsig-api-version"]).toBe("20240601");
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

  test('parseAs "stream": the caller reads a success\'s body at its own pace, past the timeout', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"message": "o');
      setTimeout(() => res.end('k"}'), 300);
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 100, retry: false });
    const { data } = await client.GET("/console/v1/gates", { parseAs: "stream" });
    expect(await new Response(data as ReadableStream).text()).toBe('{"message": "ok"}');
  });

  test('parseAs "stream": an error\'s body, which openapi-fetch reads itself, is still under the timeout', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.write('{"message": "o');
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 150, retry: false });
    const error = await client.GET("/console/v1/gates", { parseAs: "stream" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
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
