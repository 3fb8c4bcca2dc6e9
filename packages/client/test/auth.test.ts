import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { ConfigurationError, createStatsigConsoleClient, unwrap } from "../src/index.js";
import { json, KEY, startServer, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { message: "ok", data: [] }));
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
  server.received.length = 0;
});

describe("headers", () => {
  test("every request carries the key and the API version; JSON bodies their content type", async () => {
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, rateLimit: false });
    await client.GET("/console/v1/gates");
    await client.POST("/console/v1/gates", { body: { name: "g" } });
    const [get, post] = server.received;
    expect(get?.headers["statsig-api-key"]).toBe(KEY);
    expect(get?.headers["statsig-api-version"]).toBe("20240601");
    expect(get?.headers["content-type"]).toBeUndefined();
    expect(post?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(post?.body ?? "")).toEqual({ name: "g" });
  });

  test("apiVersion can be changed or omitted", async () => {
    await createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, apiVersion: "20250101" }).GET(
      "/console/v1/gates",
    );
    await createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, apiVersion: null }).GET("/console/v1/gates");
    expect(server.received[0]?.headers["statsig-api-version"]).toBe("20250101");
    expect(server.received[1]?.headers).not.toHaveProperty("statsig-api-version");
  });

  test("respectReviewSettings is sent on mutations only", async () => {
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, respectReviewSettings: true });
    await client.GET("/console/v1/gates");
    await client.PATCH("/console/v1/gates/{id}", { params: { path: { id: "a" } }, body: { description: "d" } });
    expect(server.received[0]?.headers).not.toHaveProperty("x-respect-review-settings");
    expect(server.received[1]?.headers["x-respect-review-settings"]).toBe("true");
  });

  test("with respectReviewSettings, a middleware you add still sees every call, and your own review header wins", async () => {
    const seen: string[] = [];
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      respectReviewSettings: true,
    });
    const middleware = {
      onRequest({ request }: { request: Request }) {
        seen.push(request.method);
        return undefined;
      },
    };
    client.use(middleware);
    await client.GET("/console/v1/gates");
    await client.POST("/console/v1/gates", { body: { name: "g" } });
    await client.DELETE("/console/v1/gates/{id}", {
      params: { path: { id: "g" } },
      headers: { "x-respect-review-settings": "false" },
    });
    client.eject(middleware);
    await client.POST("/console/v1/gates", { body: { name: "h" } });
    const yours = createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: server.url,
      respectReviewSettings: true,
      headers: { "X-Respect-Review-Settings": "false" },
    });
    await yours.POST("/console/v1/gates", { body: { name: "i" } });
    expect(seen).toEqual(["GET", "POST", "DELETE"]);
    expect(server.received.map((r) => r.headers["x-respect-review-settings"])).toEqual([
      undefined,
      "true",
      "false",
      "true",
      "false",
    ]);
  });

  test("the key can come from STATSIG_CONSOLE_API_KEY", async () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "console-from-env");
    await createStatsigConsoleClient({ baseUrl: server.url }).GET("/console/v1/gates");
    expect(server.received[0]?.headers["statsig-api-key"]).toBe("console-from-env");
  });
});

describe("bad keys fail before any request", () => {
  test("apiKey: null is no key given: the environment's is used", async () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "console-from-env");
    const client = createStatsigConsoleClient({ apiKey: null as unknown as string, baseUrl: server.url });
    await client.GET("/console/v1/gates");
    expect(server.received.at(-1)?.headers["statsig-api-key"]).toBe("console-from-env");
  });

  test("a missing key names apiKey and STATSIG_CONSOLE_API_KEY", () => {
    vi.stubEnv("STATSIG_CONSOLE_API_KEY", "");
    expect(() => createStatsigConsoleClient({ baseUrl: server.url })).toThrowError(ConfigurationError);
    expect(() => createStatsigConsoleClient({ baseUrl: server.url })).toThrowError(/`apiKey`.*STATSIG_CONSOLE_API_KEY/);
    expect(server.received).toHaveLength(0);
  });

  test.each([
    ["secret-abcdefSECRETVALUE", /server secret SDK key \(secret-\.\.\.\).*console-\.\.\./],
    ["client-abcdefSECRETVALUE", /client SDK key \(client-\.\.\.\).*console-\.\.\./],
    ["Secret-abcdefSECRETVALUE", /server secret SDK key \(secret-\.\.\.\)/],
    ["SECRET-abcdefSECRETVALUE", /server secret SDK key \(secret-\.\.\.\)/],
    ["CLIENT-abcdefSECRETVALUE", /client SDK key \(client-\.\.\.\)/],
    ['"secret-abcdefSECRETVALUE"', /server secret SDK key \(secret-\.\.\.\)/],
    ["secret_abcdefSECRETVALUE", /server secret SDK key \(secret-\.\.\.\)/],
  ])("an SDK key (%s) gets a hint, without its value", (apiKey, message) => {
    let thrown: unknown;
    try {
      createStatsigConsoleClient({ apiKey, baseUrl: server.url });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toMatch(message);
    expect(JSON.stringify(thrown) + String((thrown as Error).stack)).not.toContain("SECRETVALUE");
    expect(server.received).toHaveLength(0);
  });
});

test("client.request(method, path) goes through the same auth and context as client.GET", async () => {
  const server = await startServer((_req, res) => json(res, 404, { message: "no such gate" }));
  try {
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const error = await unwrap(
      client.request("get", "/console/v1/gates/{id}", { params: { path: { id: "g" } } }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, method: "GET", path: "/console/v1/gates/{id}" });
    expect(server.received[0]?.headers["statsig-api-key"]).toBe(KEY);
  } finally {
    await server.close();
  }
});
