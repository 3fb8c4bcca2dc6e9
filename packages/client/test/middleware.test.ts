import type { paths } from "@org/statsig-console-types";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, test } from "vitest";
import { AbortError, authMiddleware, ConfigurationError, createRateLimiter, rateLimitMiddleware } from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);

describe("auth and quota as openapi-fetch middleware, on a plain openapi-fetch client", () => {
  test("authMiddleware sets the key and version, and validates the key up front", async () => {
    const server = await serve((_req, res) => json(res, 200, { message: "ok", data: [] }));
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(authMiddleware({ apiKey: KEY }));
    await client.GET("/console/v1/gates");
    expect(server.received[0]?.headers).toMatchObject({ "statsig-api-key": KEY, "statsig-api-version": "20240601" });
    expect(() => authMiddleware({ apiKey: "secret-abc" })).toThrow(ConfigurationError);
  });

  test("rateLimitMiddleware holds mutations beyond the window (reads pass) and a queued abort is never sent", async () => {
    const server = await serve((req, res) => json(res, req.method === "GET" ? 200 : 201, { message: "ok", data: {} }));
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(
      authMiddleware({ apiKey: KEY }),
      rateLimitMiddleware(createRateLimiter({ windows: [{ limit: 1, intervalMs: 60_000 }] })),
    );
    await client.POST("/console/v1/gates", { body: { name: "first" } });
    const controller = new AbortController();
    const held = client.POST("/console/v1/gates", { body: { name: "held" }, signal: controller.signal });
    expect((await client.GET("/console/v1/gates")).response.status).toBe(200);
    controller.abort();
    await expect(held).rejects.toBeInstanceOf(AbortError);
    expect(server.received.map((r) => r.method)).toEqual(["POST", "GET"]);
  });
});
