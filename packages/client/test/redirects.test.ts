import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import {
  ConnectionError,
  createStatsigConsoleClient,
  freeClosedPort,
  type RetryEvent,
  TimeoutError,
} from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);

function redirect(res: ServerResponse, status: number, location: string) {
  res.writeHead(status, { location });
  res.end();
}

describe("a POST redirected to a target that refuses the connection", () => {
  test.each([303, 302, 307])("%i: sent once, not repeated, and reported as possibly applied", async (status) => {
    const refused = await freeClosedPort();
    const api = await serve((_req, res) => redirect(res, status, `${refused}/elsewhere`));
    const events: RetryEvent[] = [];
    const error = await createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: api.url,
      retry: { baseDelayMs: 1, maxDelayMs: 2, onRetry: (e) => events.push(e) },
    })
      .POST("/console/v1/gates", { body: { name: "g" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ method: "POST", path: "/console/v1/gates", mayHaveBeenApplied: true });
    expect(api.received).toHaveLength(1);
    expect(events).toEqual([]);
  });

  test("a 429 after a 303 is not retried either: the POST itself was processed", async () => {
    const api = await serve((req, res) =>
      req.method === "POST" ? redirect(res, 303, "/console/v1/gates/g") : json(res, 429, { message: "slow" }),
    );
    const { response, mayHaveBeenApplied } = await createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: api.url,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    }).POST("/console/v1/gates", { body: { name: "g" } });
    expect(response.status).toBe(429);
    expect(mayHaveBeenApplied).toBe(true);
    expect(api.received.map((r) => r.method)).toEqual(["POST", "GET"]);
  });
});

describe("following redirects by hand", () => {
  test("303 turns a POST into a GET without body or content type; 307 keeps method and body", async () => {
    const api = await serve((req, res) => {
      if (req.url === "/console/v1/gates") return redirect(res, 303, "/console/v1/gates/created");
      if (req.url === "/console/v1/gates/g") return redirect(res, 307, "/console/v1/gates/g2");
      json(res, 200, { message: "ok", data: {} });
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url });
    await client.POST("/console/v1/gates", { body: { name: "g" } });
    await client.PATCH("/console/v1/gates/{id}", { params: { path: { id: "g" } }, body: { description: "d" } });
    const [post, get, patch, patched] = api.received;
    expect([post?.method, get?.method, get?.body, get?.headers["content-type"]]).toEqual([
      "POST",
      "GET",
      "",
      undefined,
    ]);
    expect([patch?.method, patched?.method, patched?.body]).toEqual(["PATCH", "PATCH", '{"description":"d"}']);
    expect(patched?.headers["content-type"]).toBe("application/json");
  });

  test.each([301, 302])("%i after a POST is followed with GET and no body, as fetch does", async (status) => {
    const api = await serve((req, res) =>
      req.method === "POST" ? redirect(res, status, "/console/v1/gates/g") : json(res, 200, { message: "ok" }),
    );
    await createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url }).POST("/console/v1/gates", {
      body: { name: "g" },
    });
    expect(api.received.map((r) => [r.method, r.body, r.headers["content-type"]])).toEqual([
      ["POST", '{"name":"g"}', "application/json"],
      ["GET", "", undefined],
    ]);
  });

  test("more than 5 redirects: a ConnectionError, after 6 requests, not retried", async () => {
    const api = await serve((req, res) => redirect(res, 302, `${req.url.split("?")[0]}?again`));
    const error = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url, retry: { baseDelayMs: 1 } })
      .GET("/console/v1/gates")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/redirected more than 5 times/);
    expect(api.received).toHaveLength(6);
  });

  test("a Location that is not a URL is a ConnectionError, not an untyped TypeError", async () => {
    const api = await serve((_req, res) => redirect(res, 302, "http://[::1"));
    const error = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url })
      .GET("/console/v1/gates")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/bad Location/);
    expect(api.received).toHaveLength(1);
  });

  test.each(["data:application/json,%7B%22id%22%3A%22forged%22%7D", "file:///etc/passwd", "ftp://127.0.0.1/x"])(
    "a redirect to a URL that is not http(s) (%s) is a ConnectionError, as in fetch: nothing answers in the API's place",
    async (location) => {
      const api = await serve((_req, res) => redirect(res, 307, location));
      const error = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url })
        .POST("/console/v1/gates", { body: { name: "g" } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/redirected to a non-http\(s\) URL/);
      expect(api.received).toHaveLength(1);
    },
  );

  test('redirect: "manual" returns the redirect as is; redirect: "error" refuses it', async () => {
    const api = await serve((_req, res) => redirect(res, 302, "/console/v1/elsewhere"));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url, retry: false });
    const manual = await client.GET("/console/v1/gates", { redirect: "manual" });
    expect(manual.response.status).toBe(302);
    expect(manual.response.headers.get("location")).toBe("/console/v1/elsewhere");
    const error = await client.GET("/console/v1/gates", { redirect: "error" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(api.received).toHaveLength(2);
  });
});

describe("the key never leaves the configured origin, whatever the per-call options say", () => {
  test('redirect: "follow" on one call still strips the key on a cross-origin redirect', async () => {
    const other = await serve((_req, res) => json(res, 200, { message: "elsewhere", data: [] }));
    const api = await serve((_req, res) => redirect(res, 302, `${other.url}/landing`));
    const { data } = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url }).GET("/console/v1/gates", {
      redirect: "follow",
    });
    expect(data).toMatchObject({ message: "elsewhere" });
    expect(api.received[0]?.headers["statsig-api-key"]).toBe(KEY);
    expect(other.received).toHaveLength(1);
    expect(other.received[0]?.headers).not.toHaveProperty("statsig-api-key");
  });

  test("a per-call baseUrl on another origin gets the request without the key", async () => {
    const api = await serve((_req, res) => json(res, 200, { message: "api", data: [] }));
    const other = await serve((_req, res) => json(res, 200, { message: "other", data: [] }));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url });
    await client.GET("/console/v1/gates", { baseUrl: other.url });
    await client.GET("/console/v1/gates", { baseUrl: `${api.url}/` });
    expect(other.received).toHaveLength(1);
    expect(other.received[0]?.headers).not.toHaveProperty("statsig-api-key");
    expect(api.received[0]?.headers["statsig-api-key"]).toBe(KEY);
  });

  test("the caller's other credentials (Authorization, Cookie) stay behind too, as fetch leaves them on a redirect", async () => {
    const other = await serve((_req, res) => json(res, 200, { message: "elsewhere", data: [] }));
    const api = await serve((req, res) =>
      req.url?.startsWith("/console/v1/gates/g") ? redirect(res, 307, `${other.url}/landing`) : json(res, 200, {}),
    );
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: api.url,
      headers: { Authorization: "Bearer proxy-token", Cookie: "sid=abc", "Proxy-Authorization": "Basic x" },
    });
    await client.PATCH("/console/v1/gates/{id}", { params: { path: { id: "g" } }, body: {} });
    await client.GET("/console/v1/gates", { baseUrl: other.url });
    expect(api.received[0]?.headers).toMatchObject({ authorization: "Bearer proxy-token", cookie: "sid=abc" });
    expect(other.received).toHaveLength(2);
    for (const { headers } of other.received) {
      for (const name of ["statsig-api-key", "authorization", "cookie", "proxy-authorization"]) {
        expect(headers).not.toHaveProperty(name);
      }
    }
  });

  test("a middleware that points the request at another origin does not take the key along", async () => {
    const api = await serve((_req, res) => json(res, 200, { message: "api", data: [] }));
    const other = await serve((_req, res) => json(res, 200, { message: "other", data: [] }));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url });
    client.use({
      onRequest: ({ request }) => new Request(request.url.replace(api.url, other.url), request),
    });
    await client.GET("/console/v1/gates");
    expect(api.received).toHaveLength(0);
    expect(other.received[0]?.headers).not.toHaveProperty("statsig-api-key");
  });
});

describe("a middleware that returns a new Request (as openapi-fetch's docs show)", () => {
  const replaceRequest = {
    onRequest: ({ request }: { request: Request }) => {
      const headers = new Headers(request.headers);
      headers.set("x-added", "1");
      return new Request(request.url, { method: request.method, headers });
    },
  };

  test("keeps the timeout", async () => {
    const api = await serve(() => {}); // never answers
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url, timeoutMs: 150, retry: false });
    client.use(replaceRequest);
    const error = await client.GET("/console/v1/gates").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(api.received[0]?.headers["x-added"]).toBe("1");
  });

  test("keeps the caller's abort", async () => {
    const api = await serve(() => {});
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: api.url, timeoutMs: 0, retry: false });
    client.use(replaceRequest);
    const controller = new AbortController();
    const pending = client.GET("/console/v1/gates", { signal: controller.signal }).catch((e: unknown) => e);
    while (api.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ name: "AbortError", mayHaveBeenApplied: true });
  });
});
