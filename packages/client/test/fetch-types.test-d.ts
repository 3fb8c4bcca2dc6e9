// This package restates openapi-fetch's middleware and option types (see src/fetch-types.ts) so that
// consumers' declarations do not load openapi-fetch's. Each must stay equal to openapi-fetch's own.
import type * as OpenapiFetch from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import type * as Ours from "../src/fetch-types.js";

describe("restated openapi-fetch types equal openapi-fetch's own", () => {
  test("middleware and what its callbacks receive", () => {
    expectTypeOf<Ours.Middleware>().toEqualTypeOf<OpenapiFetch.Middleware>();
    expectTypeOf<Ours.MiddlewareCallbackParams>().toEqualTypeOf<OpenapiFetch.MiddlewareCallbackParams>();
  });

  test("per-call options: FetchOptions without params, body and method", () => {
    // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's options for an untyped operation
    type Theirs = Omit<OpenapiFetch.FetchOptions<any>, "params" | "body" | "method">;
    expectTypeOf<keyof Ours.CallOptions>().toEqualTypeOf<keyof Theirs>();
    expectTypeOf<Ours.CallOptions>().toEqualTypeOf<Theirs>();
    expectTypeOf<Ours.HeadersOptions>().toEqualTypeOf<OpenapiFetch.HeadersOptions>();
    expectTypeOf<Ours.QuerySerializerOptions>().toEqualTypeOf<OpenapiFetch.QuerySerializerOptions>();
  });

  test("parseAs and the data type it gives", () => {
    expectTypeOf<Ours.ParseAs>().toEqualTypeOf<OpenapiFetch.ParseAs>();
    type Data = { id: string };

    expectTypeOf<Ours.ParseAsResponse<Data, { parseAs: "text" }>>().toEqualTypeOf<
      OpenapiFetch.ParseAsResponse<Data, { parseAs: "text" }>
    >();
    expectTypeOf<Ours.ParseAsResponse<Data, { parseAs: "blob" }>>().toEqualTypeOf<
      OpenapiFetch.ParseAsResponse<Data, { parseAs: "blob" }>
    >();
    expectTypeOf<Ours.ParseAsResponse<Data, { parseAs: "arrayBuffer" }>>().toEqualTypeOf<
      OpenapiFetch.ParseAsResponse<Data, { parseAs: "arrayBuffer" }>
    >();
    expectTypeOf<Ours.ParseAsResponse<Data, { parseAs: "stream" }>>().toEqualTypeOf<
      OpenapiFetch.ParseAsResponse<Data, { parseAs: "stream" }>
    >();
    expectTypeOf<Ours.ParseAsResponse<Data, { parseAs: "json" }>>().toEqualTypeOf<Data>();
    expectTypeOf<Ours.ParseAsResponse<Data, object>>().toEqualTypeOf<OpenapiFetch.ParseAsResponse<Data, object>>();
  });
});
