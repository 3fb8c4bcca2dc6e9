// The per-method index copies openapi-typescript's types out of `operations` (so that the client's
// types need not load it). These checks derive the same index from `paths`, for whatever spec is
// vendored, and require the two to agree key for key and type for type.
import { describe, expectTypeOf, test } from "vitest";
import type {
  DeleteOperations,
  GetOperations,
  ListItems,
  PatchOperations,
  PostOperations,
  PutOperations,
  paths,
} from "../src/index.js";
import type * as Lean from "../src/operation-index.js";

type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Method = "get" | "put" | "post" | "delete" | "patch";
type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: object } ? P : never;
}[keyof paths];
type Op<M extends Method, P extends keyof paths> = Extract<paths[P][M], { responses: object }>;
type SuccessCode = 200 | 201 | 202 | 204;
type ErrorCode<R> = Exclude<keyof R, SuccessCode | `${SuccessCode}`>;

/** The parts of an index entry as an operation of `paths` says them. */
type Parts<O> = O extends { parameters: infer Params; responses: infer R }
  ? {
      params: Params;
      body: Json<NonNullable<O extends { requestBody?: infer B } ? B : never>>;
      data: Json<R[Extract<keyof R, SuccessCode>]>;
      error: Json<R[ErrorCode<R>]>;
    }
  : never;

/** Mutual assignability, without distributing over unions. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The paths whose index entry differs from `paths` in any part (never when all agree). */
type Mismatches<M extends Method, Index> = {
  [P in PathsWith<M>]: P extends keyof Index
    ? [Index[P], Parts<Op<M, P>>] extends [
        { init: { params?: infer Params; body?: infer Body }; data: infer Data; error: infer Err },
        infer D extends Parts<Op<M, P>>,
      ]
      ? Same<NonNullable<Params>, D["params"]> extends false
        ? `${P}: params`
        : Same<Data, D["data"]> extends false
          ? `${P}: data`
          : Same<Err, D["error"]> extends false
            ? `${P}: error`
            : Same<NonNullable<Body>, NonNullable<D["body"]>> extends false
              ? `${P}: body`
              : never
      : `${P}: not an entry`
    : `${P}: missing`;
}[PathsWith<M>];

describe("the per-method operation index agrees with paths", () => {
  test("same paths per method", () => {
    expectTypeOf<keyof GetOperations>().toEqualTypeOf<PathsWith<"get">>();
    expectTypeOf<keyof PostOperations>().toEqualTypeOf<PathsWith<"post">>();
    expectTypeOf<keyof PutOperations>().toEqualTypeOf<PathsWith<"put">>();
    expectTypeOf<keyof PatchOperations>().toEqualTypeOf<PathsWith<"patch">>();
    expectTypeOf<keyof DeleteOperations>().toEqualTypeOf<PathsWith<"delete">>();
  });

  test("same parameters, body, success data and error bodies for every operation", () => {
    expectTypeOf<Mismatches<"get", GetOperations>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<"post", PostOperations>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<"put", PutOperations>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<"patch", PatchOperations>>().toEqualTypeOf<never>();
    expectTypeOf<Mismatches<"delete", DeleteOperations>>().toEqualTypeOf<never>();
  });

  test("ListItems: exactly the paginated GETs whose data is a list, typed as its element", () => {
    type ListData<P extends keyof GetOperations> = GetOperations[P]["data"] extends { data: infer D } ? D : never;
    type Lists = {
      [P in keyof ListItems]: Same<ListItems[P][], ListData<P>> extends true ? never : P;
    }[keyof ListItems];
    expectTypeOf<Lists>().toEqualTypeOf<never>();
    expectTypeOf<keyof ListItems>().toExtend<keyof GetOperations>();
  });

  test("the lean entry point exports the same index as the package root", () => {
    expectTypeOf<Lean.GetOperations>().toEqualTypeOf<GetOperations>();
    expectTypeOf<Lean.ListItems>().toEqualTypeOf<ListItems>();
  });
});
