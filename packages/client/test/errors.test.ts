import type { paths } from "@org/statsig-console-types";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, test } from "vitest";
import {
  AbortError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  createRateLimiter,
  createStatsigConsoleClient,
  freeClosedPort,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
  unwrap,
} from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("options that cannot work fail at construction, as ConfigurationError, without the key", () => {
  test.each([
    ["not a url", { baseUrl: "statsigapi.net" }],
    ["another scheme", { baseUrl: "ftp://statsigapi.net" }],
    ["credentials in the URL", { baseUrl: "https://user:pass@statsigapi.net" }],
    ["a negative timeout", { timeoutMs: -1 }],
    ["a timeout that is not a number", { timeoutMs: Number.NaN }],
    ["negative retries", { retry: { maxRetries: -1 } }],
    ["an empty quota window", { rateLimit: { windows: [{ limit: 0, intervalMs: 1000 }] } }],
    ["a quota window that never ends", { rateLimit: { windows: [{ limit: 5, intervalMs: Infinity }] } }],
    ["a quota window that is null", { rateLimit: { windows: [null] } }],
    ["quota windows that are not a list", { rateLimit: { windows: 5 } }],
    ["one quota window not in a list", { rateLimit: { windows: { limit: 5, intervalMs: 1000 } } }],
    ["a quota window of strings", { rateLimit: { segmentWindows: [{ limit: "2", intervalMs: "1000" }] } }],
    ["a header value with a newline", { headers: { "x-team": "a\nb" } }],
    ["an apiVersion with a newline", { apiVersion: "2024\n01" }],
    ["a key that is not a string", { apiKey: 12345 }],
    ["a validateResponses that is no middleware", { validateResponses: {} }],
  ])("%s", (_name, options) => {
    const error = thrownBy(() => createStatsigConsoleClient({ apiKey: KEY, ...(options as object) }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false });
    expect(String((error as Error).message)).not.toContain(KEY);
  });

  test("the option a bad value belongs to is named", () => {
    const message = (options: object) =>
      (thrownBy(() => createStatsigConsoleClient({ apiKey: KEY, ...options })) as Error).message;
    expect(message({ apiVersion: "2024\n01" })).toMatch(/apiVersion/);
    expect(message({ apiKey: 12345 })).toMatch(/apiKey must be a string/);
    expect(message({ validateResponses: {} })).toMatch(/Middleware must be an object/);
  });

  test("a baseUrl given as a URL object is the URL it names", async () => {
    const server = await serve((_req, res) => json(res, 200, { message: "ok", data: [] }));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: new URL(server.url) as unknown as string });
    expect((await client.GET("/console/v1/gates")).response.status).toBe(200);
    expect(server.received[0]?.headers["statsig-api-key"]).toBe(KEY);
  });

  test("use() of something that is no middleware, an unknown method and null options: typed, nothing sent", async () => {
    const server = await serve((_req, res) => json(res, 200, { message: "ok", data: [] }));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url });
    expect(thrownBy(() => client.use({} as never))).toBeInstanceOf(ConfigurationError);
    const request = client.request as unknown as (method: unknown, path: string) => Promise<unknown>;
    await expect(request(123, "/console/v1/gates")).rejects.toBeInstanceOf(ConfigurationError);
    await expect(request(Symbol("get"), "/console/v1/gates")).rejects.toBeInstanceOf(ConfigurationError);
    // openapi-fetch itself takes null for "no options".
    const get = client.GET as unknown as (path: string, init: null) => Promise<{ response: Response }>;
    expect((await get("/console/v1/gates", null)).response.status).toBe(200);
    expect(server.received).toHaveLength(1);
  });

  test.each([
    ["a control character", "console-abc\u0000SECRETVALUE"],
    ["a line break inside", "console-abc\nSECRETVALUE"],
    ["a non-ASCII character", "console-abcé SECRETVALUE"],
  ])("a key with %s never reaches a message", (_name, apiKey) => {
    const error = thrownBy(() => createStatsigConsoleClient({ apiKey }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain("SECRETVALUE");
  });

  test("createRateLimiter checks its windows too", () => {
    expect(thrownBy(() => createRateLimiter({ segmentWindows: [{ limit: 1, intervalMs: 0 }] }))).toBeInstanceOf(
      ConfigurationError,
    );
  });
});

describe("messages in the server's own words", () => {
  test("problem+json (Prism): detail and each validation problem, not 'HTTP 422'", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(422, { "content-type": "application/problem+json" });
      res.end(
        JSON.stringify({
          type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
          title: "Invalid request",
          status: 422,
          detail: "Your request is not valid",
          validation: [{ location: ["body", "name"], severity: "Error", code: "type", message: "must be string" }],
        }),
      );
    });
    const error = await unwrap(
      createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url }).POST("/console/v1/gates", {
        body: { name: "g" },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as Error).message).toBe(
      "POST /console/v1/gates failed with 422: Your request is not valid: body.name must be string",
    );
  });

  test("Statsig's { message, errors }", async () => {
    const server = await serve((_req, res) =>
      json(res, 400, {
        status: 400,
        message: "Invalid request",
        errors: ["name must be a string", { property: "idType", message: "is unknown" }],
      }),
    );
    const error = await unwrap(
      createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url }).POST("/console/v1/gates", {
        body: { name: "g" },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).serverMessage).toBe("Invalid request: name must be a string; idType is unknown");
  });

  test("problem+json with a title only", async () => {
    const server = await serve((_req, res) => json(res, 404, { title: "No such route", status: 404 }));
    const error = await unwrap(
      createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url }).GET("/console/v1/gates"),
    ).catch((e: unknown) => e);
    expect((error as NotFoundError).serverMessage).toBe("No such route");
  });
});

describe("every error says whether the request may have been applied", () => {
  test("a refused connection: nothing was sent", async () => {
    const error = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: await freeClosedPort(), retry: false })
      .POST("/console/v1/gates", { body: { name: "g" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false });
  });

  test("a POST that timed out: it may have been", async () => {
    const server = await serve(() => {});
    const error = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 100 })
      .POST("/console/v1/gates", { body: { name: "g" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, url: `${server.url}/console/v1/gates` });
  });

  test("a 5xx may have been applied, a 4xx or a 429 was not", async () => {
    const server = await serve((req, res) => {
      const status = Number(req.url.split("/").pop());
      json(res, status, { message: `said ${status}` });
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const errorFor = (status: number) =>
      unwrap(client.DELETE("/console/v1/gates/{id}", { params: { path: { id: String(status) } } })).catch(
        (e: unknown) => e,
      );
    expect(await errorFor(500)).toMatchObject({ name: "InternalServerError", mayHaveBeenApplied: true });
    expect(await errorFor(400)).toMatchObject({ name: "BadRequestError", mayHaveBeenApplied: false });
    expect(await errorFor(429)).toMatchObject({ name: "RateLimitError", mayHaveBeenApplied: false });
  });

  test("a DELETE that failed with 503 and then found nothing: the first attempt may have deleted it", async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? json(res, 503, { message: "busy" }) : json(res, 404, { message: "not found" }),
    );
    const error = await unwrap(
      createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: { baseDelayMs: 1 } }).DELETE(
        "/console/v1/gates/{id}",
        { params: { path: { id: "g" } } },
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true });
  });

  test("an abort while queued: never sent", async () => {
    const server = await serve((_req, res) => json(res, 201, {}));
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      rateLimit: { windows: [{ limit: 1, intervalMs: 60_000 }] },
    });
    await client.POST("/console/v1/gates", { body: { name: "a" } });
    const controller = new AbortController();
    const queued = client.POST("/console/v1/gates", { body: { name: "b" }, signal: controller.signal });
    controller.abort();
    const error = await queued.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false, method: "POST", path: "/console/v1/gates" });
    expect(server.received).toHaveLength(1);
  });

  test("a middleware that throws before anything is sent: a typed error, not applied", async () => {
    const server = await serve((_req, res) => json(res, 201, {}));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url });
    client.use({
      onRequest() {
        throw new Error("middleware bug");
      },
    });
    const error = await client.POST("/console/v1/gates", { body: { name: "a" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false, message: expect.stringMatching(/middleware bug/) });
    expect(server.received).toHaveLength(0);
  });

  test.each([
    ["a SyntaxError (no body was parsed yet)", () => new SyntaxError("bad selector")],
    ["an object without a prototype (String() refuses it)", () => Object.create(null)],
    ["null", () => null],
    ["a function without a prototype", () => Object.setPrototypeOf(() => {}, null)],
  ])("a middleware that throws %s: a ConnectionError, nothing sent", async (_name, make) => {
    const server = await serve((_req, res) => json(res, 201, {}));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url });
    client.use({
      onRequest() {
        throw make();
      },
    });
    const error = await client.GET("/console/v1/gates").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false });
    expect(server.received).toHaveLength(0);
  });
});

test("an Error of another realm (a sandbox, an iframe) keeps its message in the ConnectionError", async () => {
  const { runInNewContext } = await import("node:vm");
  const server = await serve((_req, res) => json(res, 200, {}));
  const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url });
  client.use({
    onRequest() {
      throw runInNewContext('new TypeError("socket hang up in the sandbox")');
    },
  });
  const error = await client.GET("/console/v1/gates").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect((error as Error).message).toMatch(/TypeError: socket hang up in the sandbox/);
});

describe("results carry their own method and path", () => {
  test("client results: method, path, mayHaveBeenApplied", async () => {
    const server = await serve((_req, res) => json(res, 201, { message: "ok", data: {} }));
    const result = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url }).POST("/console/v1/gates", {
      body: { name: "g" },
    });
    expect(result).toMatchObject({ method: "POST", path: "/console/v1/gates", mayHaveBeenApplied: true });
  });

  test("unwrap on a plain openapi-fetch result does not claim every method was a GET", async () => {
    const server = await serve((_req, res) => json(res, 404, { message: "no such gate" }));
    const plain = createClient<paths>({ baseUrl: server.url });
    const error = await unwrap(plain.DELETE("/console/v1/gates/{id}", { params: { path: { id: "g1" } } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ method: undefined, path: "/console/v1/gates/g1", mayHaveBeenApplied: false });
    expect((error as Error).message).toBe("/console/v1/gates/g1 failed with 404: no such gate");
  });

  test("unwrap throws for an error status without a body too", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404, { "content-length": "0" });
      res.end();
    });
    const result = await createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url }).GET("/console/v1/gates");
    expect(result.error).toBeUndefined();
    await expect(unwrap(result)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a 5xx through unwrap on a plain result may have been applied", async () => {
    const server = await serve((_req, res) => json(res, 502, { message: "bad gateway" }));
    const error = await unwrap(createClient<paths>({ baseUrl: server.url }).GET("/console/v1/gates")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true });
    expect(error).not.toBeInstanceOf(RateLimitError);
  });
});
