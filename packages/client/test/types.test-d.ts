import type { ExternalGateDto, PaginatedPath } from "@org/statsig-console-types";
import { describe, expectTypeOf, test } from "vitest";
import {
  type ApiError,
  type CallOptions,
  createStatsigConsoleClient,
  NotFoundError,
  type PaginatedItem,
  paginate,
  RateLimitError,
  type StatsigError,
  unwrap,
} from "../src/index.js";

const client = createStatsigConsoleClient({ apiKey: "console-x" });

describe("client types", () => {
  test("paginate yields the list's item type", () => {
    expectTypeOf<PaginatedItem<"/console/v1/gates">>().toEqualTypeOf<ExternalGateDto>();
    const iterator = paginate(client, "/console/v1/gates", { params: { query: { limit: 100 } } });
    expectTypeOf(iterator).toEqualTypeOf<AsyncGenerator<ExternalGateDto, void, undefined>>();
    expectTypeOf<"/console/v1/gates">().toExtend<PaginatedPath>();
    // @ts-expect-error a single-resource GET is not a paginated list
    paginate(client, "/console/v1/gates/{id}");
    // @ts-expect-error the id_list GET pages through one object's ids: not a list paginate can walk
    paginate(client, "/console/v1/segments/{id}/id_list", { params: { path: { id: "s" } } });
    // @ts-expect-error limit is an integer, not a string
    paginate(client, "/console/v1/gates", { params: { query: { limit: "100" } } });
  });

  test("unwrap resolves to the success body", async () => {
    const body = await unwrap(client.GET("/console/v1/gates"));
    expectTypeOf(body.data).toEqualTypeOf<ExternalGateDto[]>();
    expectTypeOf(body.pagination.nextPage).toEqualTypeOf<string | null>();
    expectTypeOf(await unwrap(client.GET("/console/v1/gates", { parseAs: "text" }))).toEqualTypeOf<string>();
    // Each overload: a Promise, any other thenable, a plain result.
    const result = await client.GET("/console/v1/gates");
    const thenable = {} as PromiseLike<typeof result>;
    expectTypeOf(await unwrap(thenable)).toEqualTypeOf<typeof body>();
    expectTypeOf(await unwrap(result)).toEqualTypeOf<typeof body>();
  });

  test("the error union narrows by class and status", () => {
    const handle = (error: StatsigError) => {
      if (error instanceof NotFoundError) expectTypeOf(error.status).toEqualTypeOf<404>();
      if (error instanceof RateLimitError) expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
      if ("status" in error) expectTypeOf(error).toExtend<ApiError>();
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<StatsigError>();
  });

  test("call options are openapi-fetch's own; results carry method, path and mayHaveBeenApplied", async () => {
    expectTypeOf<CallOptions>().toHaveProperty("baseUrl");
    expectTypeOf<CallOptions>().toHaveProperty("parseAs");
    expectTypeOf<CallOptions>().toHaveProperty("querySerializer");
    expectTypeOf<CallOptions>().toHaveProperty("middleware");
    expectTypeOf<CallOptions>().toHaveProperty("signal");
    expectTypeOf<CallOptions>().toHaveProperty("redirect");
    const result = await client.GET("/console/v1/gates", { redirect: "manual", parseAs: "text" });
    expectTypeOf(result.method).toEqualTypeOf<string>();
    expectTypeOf(result.mayHaveBeenApplied).toEqualTypeOf<boolean>();
    if (result.data !== undefined) expectTypeOf(result.data).toEqualTypeOf<string>();
  });

  test("request bodies are checked", () => {
    // @ts-expect-error name must be a string
    client.POST("/console/v1/gates", { body: { name: 5 } });
    client.POST("/console/v1/gates", { body: { name: "ok" } });
  });
});
