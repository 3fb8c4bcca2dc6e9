// What the call's first request carries besides the JSON openapi-fetch serialized: the caller's RequestInit fields, a
// body of another kind, and a URL the platform refuses (at once, nothing sent, never retried).
import { afterEach, describe, expect, test } from "vitest";
import { ConnectionError, createStatsigConsoleClient } from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);
const ok = () => serve((_req, res) => json(res, 200, { message: "ok", data: {} }));
const clientFor = (baseUrl: string, options: object = {}) =>
  createStatsigConsoleClient({
    apiKey: KEY,
    baseUrl,
    rateLimit: false,
    retry: { maxRetries: 1, baseDelayMs: 1 },
    ...options,
  });

describe("the first request of a call", () => {
  test("a RequestInit field of the caller's (here `cache`) reaches the fetch that sends it", async () => {
    const server = await ok();
    const modes: RequestCache[] = [];
    const client = clientFor(server.url, {
      fetch: (request: Request) => {
        modes.push(request.cache);
        return globalThis.fetch(request);
      },
    });
    await client.GET("/console/v1/gates", { cache: "no-store" });
    await client.GET("/console/v1/gates");
    expect(modes).toEqual(["no-store", "default"]);
  });

  test("a body that is not a string (a serializer's URLSearchParams) goes out as the platform encodes it", async () => {
    const server = await ok();
    await clientFor(server.url).POST("/console/v1/gates", {
      body: { name: "g" },
      bodySerializer: (body: { name: string }) => new URLSearchParams(body),
      headers: { "content-type": null as unknown as string },
    });
    expect(server.received[0]?.body).toBe("name=g");
    expect(server.received[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
  });

  test("a URL the platform refuses (credentials in a per-call baseUrl): a ConnectionError at once, nothing sent, no retry", async () => {
    const server = await ok();
    const retries: unknown[] = [];
    const client = clientFor(server.url, {
      retry: { maxRetries: 2, baseDelayMs: 1, onRetry: (e: unknown) => retries.push(e) },
    });
    const bad = server.url.replace("http://", "http://user:pass@");
    const error = await client.GET("/console/v1/gates", { baseUrl: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/credentials/);
    expect((error as Error).message).not.toContain(KEY);
    expect(server.received).toEqual([]);
    expect(retries).toEqual([]);
  });
});
