import type {
  DeleteOperations,
  GetOperations,
  HeadOperations,
  OperationTypes,
  OptionsOperations,
  PatchOperations,
  PostOperations,
  PutOperations,
  TraceOperations,
} from "@org/statsig-console-types/operation-index";
import type { CallOptions, Middleware, ParseAs, ParseAsResponse } from "./fetch-types.js";

export type { CallOptions };

/** What every result of this client carries beside openapi-fetch's `{ data, error, response }`. */
export interface CallFacts {
  /** HTTP method, upper case. */
  method: string;
  /** Path template as called, e.g. `/console/v1/gates/{id}`. */
  path: string;
  /** Whether any attempt may have changed something on the server (see `StatsigConsoleError.mayHaveBeenApplied`). */
  mayHaveBeenApplied: boolean;
}

/** What a call resolves to: openapi-fetch's `{ data, error, response }`, plus the call's own facts. */
export type CallResult<O extends OperationTypes, I> = CallFacts &
  (
    | { data: ParseAsResponse<O["data"], I>; error?: never; response: Response }
    | { data?: never; error: O["error"]; response: Response }
  );

// The conditionals below wrap their operand in a one-tuple: a bare type parameter would make them
// distributive, and while inferring `P` TypeScript would then expand them over every operation of the
// method (the first call of each method cost ~2,000 extra types, about 0.1 s of a consumer's check).
type InitArgs<O, I> = [O] extends [{ required: true }] ? [init: I] : [init?: I];

/**
 * One HTTP method: the path picks the operation from the generated index, the init is checked
 * against it, `parseAs` changes the data type as in openapi-fetch. Only `parseAs` is inferred, not the
 * whole init: the init keeps the index's declared type, so editors show the operation's docs on
 * `params` and `body` at the call site.
 */
export type TypedMethod<Ops> = <P extends keyof Ops, A extends ParseAs = "json">(
  path: P,
  ...init: InitArgs<Ops[P], InitOf<Ops[P]> & { parseAs?: A }>
) => Promise<ResultOf<Ops[P], { parseAs: A }>>;

type InitOf<O> = [O] extends [{ init: infer X }] ? X & CallOptions : never;
type ResultOf<O, I> = [O] extends [OperationTypes] ? CallResult<O, I> : never;

/**
 * The Console API client: openapi-fetch's call style, typed from the spec through a generated
 * index (a lookup per call rather than openapi-fetch's derivation, which costs type-checking time).
 * At runtime it is an openapi-fetch client; cast to `Client<paths>` where a library wants that type.
 */
export interface StatsigConsoleClient {
  GET: TypedMethod<GetOperations>;
  PUT: TypedMethod<PutOperations>;
  POST: TypedMethod<PostOperations>;
  DELETE: TypedMethod<DeleteOperations>;
  PATCH: TypedMethod<PatchOperations>;
  HEAD: TypedMethod<HeadOperations>;
  OPTIONS: TypedMethod<OptionsOperations>;
  TRACE: TypedMethod<TraceOperations>;
  /** `request("get", path, init)`: the same as `GET(path, init)`. */
  request(
    method: "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace",
    path: string,
    init?: object,
  ): Promise<CallFacts & { data?: unknown; error?: unknown; response: Response }>;
  /** Adds openapi-fetch middleware to every request. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}
