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
} from "@org/statsig-console-types";
import type {
  BodySerializer,
  HeadersOptions,
  Middleware,
  ParseAs,
  ParseAsResponse,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";

/** openapi-fetch's per-call options, beside `params` and `body`. */
export type CallOptions = Omit<RequestInit, "body" | "headers" | "method"> & {
  headers?: HeadersOptions;
  parseAs?: ParseAs;
  baseUrl?: string;
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own serializer types take any
  querySerializer?: QuerySerializer<any> | QuerySerializerOptions;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  bodySerializer?: BodySerializer<any>;
  middleware?: Middleware[];
};

/** What a call resolves to: openapi-fetch's `{ data, error, response }`. */
export type CallResult<O extends OperationTypes, I> =
  | { data: ParseAsResponse<O["data"], I>; error?: never; response: Response }
  | { data?: never; error: O["error"]; response: Response };

type InitArgs<O extends OperationTypes, I> = O["required"] extends true ? [init: I] : [init?: I];

/**
 * One HTTP method: the path picks the operation from the generated index, the init is checked
 * against it, `parseAs` changes the data type as in openapi-fetch.
 */
export type TypedMethod<Ops> = <P extends keyof Ops, I extends InitOf<Ops[P]> = InitOf<Ops[P]>>(
  path: P,
  ...init: InitArgs<Ops[P] & OperationTypes, I>
) => Promise<CallResult<Ops[P] & OperationTypes, I>>;

type InitOf<O> = O extends OperationTypes ? O["init"] & CallOptions : never;

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
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  /** Adds openapi-fetch middleware to every request. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}
