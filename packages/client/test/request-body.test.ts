// What body goes out on every attempt: the JSON openapi-fetch serialized, or the body of a Request a middleware or a
// body serializer of your own made; read once and replayed on a retry.
import { afterEach, describe, expect, test } from "vitest";
import { createStatsigConsoleClient } from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);
// Each request is answered 429 once (so it is sent twice: a 429 was not processed), then 201.
const twice = () =>
  serve((_req, res, i) =>
    i % 2 === 0
      ? json(res, 429, { message: "slow" }, { "retry-after": "0" })
      : json(res, 201, { message: "ok", data: {} }),
  );
const clientFor = (baseUrl: string) =>
  createStatsigConsoleClient({ apiKey: KEY, baseUrl, rateLimit: false, retry: { maxRetries: 1, baseDelayMs: 1 } });

describe("the body of every attempt", () => {
  test("the JSON openapi-fetch serialized, the same on the retry, with its content type", async () => {
    const server = await twice();
    await clientFor(server.url).POST("/console/v1/gates", { body: { name: "é gate" } });
    expect(server.received.map((r) => r.body)).toEqual([
      JSON.stringify({ name: "é gate" }),
      JSON.stringify({ name: "é gate" }),
    ]);
    expect(server.received.map((r) => r.headers["content-type"])).toEqual(["application/json", "application/json"]);
  });

  test("a middleware's own Request: its body is sent, not the one openapi-fetch serialized", async () => {
    const server = await twice();
    const client = clientFor(server.url);
    client.use({
      onRequest: ({ request }) =>
        new Request(request.url, { method: request.method, headers: request.headers, body: '{"name":"rewritten"}' }),
    });
    await client.POST("/console/v1/gates", { body: { name: "original" } });
    expect(server.received.map((r) => r.body)).toEqual(['{"name":"rewritten"}', '{"name":"rewritten"}']);
  });

  test("a body serializer of your own that returns bytes: read once, the same bytes on the retry", async () => {
    const server = await twice();
    const bytes = new TextEncoder().encode('{"name":"from bytes"}');
    await clientFor(server.url).POST("/console/v1/gates", {
      body: { name: "ignored" },
      bodySerializer: () => new Blob([bytes]) as never,
    });
    expect(server.received.map((r) => r.body)).toEqual(['{"name":"from bytes"}', '{"name":"from bytes"}']);
  });

  test("a middleware that read the request's body: the call fails typed, nothing is sent", async () => {
    const server = await twice();
    const client = clientFor(server.url);
    client.use({
      async onRequest({ request }) {
        await request.text();
      },
    });
    await expect(client.POST("/console/v1/gates", { body: { name: "g" } })).rejects.toMatchObject({
      name: "ConnectionError",
    });
    expect(server.received).toHaveLength(0);
  });
});
