import type { paths } from "@org/statsig-console-types";
import createClient from "openapi-fetch";
import { afterEach, expect, test } from "vitest";
import {
  ConnectionError,
  createRateLimiter,
  createStatsigConsoleClient,
  type QuotaSlots,
  type QuotaStore,
  rateLimitMiddleware,
} from "../src/index.js";
import { json, startServer, type TestServer } from "./server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

/** A store as a Redis-backed one behaves when Redis is down: it cannot grant a slot. */
const unavailable: QuotaStore = () =>
  ({
    acquire: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
    pause: () => {},
    pending: 0,
  }) satisfies QuotaSlots;

test("the limiter asks the store for its two buckets, with their windows", () => {
  const asked: string[] = [];
  const store: QuotaStore = (bucket, windows) => {
    asked.push(`${bucket} ${windows.map((w) => `${w.limit}/${w.intervalMs}`).join(" ")}`);
    return { acquire: async () => () => {}, pause: () => {}, pending: 0 };
  };
  const limiter = createRateLimiter({ windows: [{ limit: 3, intervalMs: 100 }], store });
  expect(asked).toEqual(["mutations 3/100", "segments 12/10000 900/900000"]);
  expect(limiter.bucketFor("DELETE", "/console/v1/segments/s/id_list")).toBe(limiter.segments);
});

test("a store that cannot grant a slot: a ConnectionError, not sent, the store's error as cause", async () => {
  server = await startServer((_req, res) => json(res, 201, { message: "ok", data: {} }));
  const client = createStatsigConsoleClient({
    apiKey: "console-test",
    baseUrl: server.url,
    rateLimit: { limiter: createRateLimiter({ store: unavailable }) },
  });
  const error = await client.POST("/console/v1/gates", { body: { name: "g" } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error).toMatchObject({ method: "POST", path: "/console/v1/gates", mayHaveBeenApplied: false });
  expect((error as Error).message).toBe("POST /console/v1/gates failed: no quota slot");
  expect(((error as Error).cause as Error).message).toMatch(/ECONNREFUSED/);
  expect(server.received).toEqual([]);
  // Reads take no quota: they still go out.
  expect((await client.GET("/console/v1/gates")).response.status).toBe(201);
});

test("the middleware form: the same typed error from a plain openapi-fetch client, and nothing sent", async () => {
  const sent: string[] = [];
  const client = createClient<paths>({
    baseUrl: "https://statsigapi.net",
    fetch: async (request) => {
      sent.push(request.method);
      return Response.json({ message: "ok", data: {} }, { status: 201 });
    },
  });
  client.use(rateLimitMiddleware(createRateLimiter({ store: unavailable })));
  const error = await client.POST("/console/v1/gates", { body: { name: "g" } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error).toMatchObject({ method: "POST", path: "/console/v1/gates", mayHaveBeenApplied: false });
  expect(((error as Error).cause as Error).message).toMatch(/ECONNREFUSED/);
  expect(sent).toEqual([]);
});
