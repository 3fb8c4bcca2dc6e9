import {
  AuthenticationError,
  createStatsigConsoleClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  unwrap,
} from "@org/statsig-console-client";
import { operationCatalogue } from "@org/statsig-console-types";
import { describe, expect, inject, test } from "vitest";
import { typedCalls } from "../src/generated/index.js";
import { typedCallFor } from "../src/typed-call.js";

/** The same requests against Prism from the raw spec and from the overlaid spec. */
const clientFor = (baseUrl: string) =>
  createStatsigConsoleClient({ apiKey: "console-contract-tests", baseUrl, retry: false, rateLimit: false });
const overlaid = clientFor(inject("prismUrl"));
const raw = clientFor(inject("rawPrismUrl"));

describe("auth", () => {
  test("a request without the key is rejected, and reaches the caller as AuthenticationError", async () => {
    const client = clientFor(inject("prismUrl"));
    client.use({
      onRequest({ request }) {
        request.headers.delete("STATSIG-API-KEY");
        return request;
      },
    });
    const error = await unwrap(client.GET("/console/v1/gates")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, method: "GET", path: "/console/v1/gates" });
  });
});

describe("error responses a consumer can ask the mock for (Prefer: code=...), as typed errors", () => {
  const cases = [
    [401, AuthenticationError],
    [429, RateLimitError],
    [500, InternalServerError],
  ] as const;
  test.each(cases)("%i on a mutation and on a read", async (status, type) => {
    const prefer = { headers: { Prefer: `code=${status}` } };
    const create = await unwrap(overlaid.POST("/console/v1/gates", { body: { name: "checkout" }, ...prefer })).catch(
      (e: unknown) => e,
    );
    const read = await unwrap(
      overlaid.GET("/console/v1/gates/{id}", { params: { path: { id: "g" } }, ...prefer }),
    ).catch((e: unknown) => e);
    for (const [error, method] of [
      [create, "POST"],
      [read, "GET"],
    ] as const) {
      expect(error).toBeInstanceOf(type);
      expect(error).toMatchObject({ status, method });
    }
    // The raw spec declares none of these for GET /console/v1/gates/{id}: Prism cannot answer them.
    const { response } = await raw.GET("/console/v1/gates/{id}", { params: { path: { id: "g" } }, ...prefer });
    expect(response.status).not.toBe(status);
  });

  test("404 on a read of one resource", async () => {
    const prefer = { headers: { Prefer: "code=404" } };
    const read = await unwrap(
      overlaid.GET("/console/v1/gates/{id}", { params: { path: { id: "g" } }, ...prefer }),
    ).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(NotFoundError);
    expect(read).toMatchObject({ status: 404, method: "GET", path: "/console/v1/gates/{id}" });
  });
});

describe("what the overlays change in Prism's behaviour (raw spec vs overlaid spec)", () => {
  const paginated = operationCatalogue.filter((op) => op.paginated);

  test("page/limit are accepted on every paginated operation, and rejected by the raw spec", async () => {
    expect(paginated.length).toBeGreaterThan(0);
    const statuses = async (client: typeof raw) =>
      Promise.all(
        paginated.map(async (op) => {
          const { params } = typedCallFor(typedCalls, op).request;
          expect(params?.query).toMatchObject({ page: 1 });
          const { response } = await client.request("get", op.path, { params, parseAs: "text" });
          return response.status;
        }),
      );
    expect((await statuses(overlaid)).filter((s) => s !== 200)).toEqual([]);
    // Only the operations whose page/limit were already plain numbers (or that have no limit) work on the raw spec.
    const rawStatuses = await statuses(raw);
    const rejected = rawStatuses.filter((s) => s === 400 || s === 422).length;
    console.info(
      `page/limit: overlaid spec ${paginated.length}/${paginated.length} accepted; raw spec rejected ${rejected}/${paginated.length}`,
    );
    expect(rejected).toBeGreaterThan(0);
  });

  // Bodies outside the operation's type on purpose: sent through the client's untyped `request`.
  const post = (client: typeof raw, path: string, body: unknown) => client.request("post", path, { body });

  test("POST /console/v1/gates {name: 5}: the raw spec (nullable without type) lets it through, the overlaid spec rejects it", async () => {
    expect((await post(raw, "/console/v1/gates", { name: 5 })).response.status).toBeLessThan(300);
    expect((await post(overlaid, "/console/v1/gates", { name: 5 })).response.status).toBe(422);
  });

  test("an experiment scoring POWER_ANALYSIS: the raw spec (overlapping oneOf) rejects it, the overlaid spec accepts it", async () => {
    const experiment = {
      name: "checkout_test",
      manualQualityScores: [
        { criteriaName: "POWER_ANALYSIS", criteriaDescription: "d", status: "PASSED", score: 1, weight: 1 },
      ],
    };
    expect((await post(raw, "/console/v1/experiments", experiment)).response.status).toBeGreaterThanOrEqual(400);
    expect((await post(overlaid, "/console/v1/experiments", experiment)).response.status).toBeLessThan(300);
  });

  test("DELETE /console/v1/segments/{id}/id_list: the raw spec refuses any body, the overlaid spec takes { ids } and validates it", async () => {
    const del = (client: typeof raw, body: unknown) =>
      client.DELETE("/console/v1/segments/{id}/id_list", {
        params: { path: { id: "seg" } },
        body: body as { ids: string[] },
      });
    expect((await del(raw, { ids: ["u1"] })).response.status).toBe(400);
    expect((await del(overlaid, { ids: 5 })).response.status).toBe(400);
    expect((await del(overlaid, { ids: ["u1"] })).response.status).toBeLessThan(300);
  });
});
