/**
 * openapi-fetch's middleware, per-call option and `parseAs` types (openapi-fetch 0.17, MIT), restated
 * so that this package's declarations do not import openapi-fetch's. Its declarations are built on
 * openapi-typescript-helpers' generic machinery: a consumer that type-checks libraries
 * (`skipLibCheck: false`) paid about 1.3 s for them, more than for the whole Console API's types.
 * test/fetch-types.test-d.ts requires each to equal openapi-fetch's own, so a release of openapi-fetch
 * that changes one fails the tests rather than drifting.
 */

export type HeadersOptions =
  | Required<RequestInit>["headers"]
  | Record<string, string | number | boolean | (string | number | boolean)[] | null | undefined>;

/** @see https://swagger.io/docs/specification/serialization/#query */
export interface QuerySerializerOptions {
  /** Set serialization for arrays. Default `{ style: "form", explode: true }`. */
  array?: { style: "form" | "spaceDelimited" | "pipeDelimited"; explode: boolean };
  /** Set serialization for objects. Default `{ style: "deepObject", explode: true }`. */
  object?: { style: "form" | "deepObject"; explode: boolean };
  /** Send the reserved characters `:/?#[]@!$&'()*+,;=` unencoded. Default false. */
  allowReserved?: boolean;
}

export type BodyType<T = unknown> = {
  json: T;
  text: Awaited<ReturnType<Response["text"]>>;
  blob: Awaited<ReturnType<Response["blob"]>>;
  arrayBuffer: Awaited<ReturnType<Response["arrayBuffer"]>>;
  stream: Response["body"];
};
export type ParseAs = keyof BodyType;
/** The data type for a call's options: `parseAs: "text"` makes it a string, and so on. */
export type ParseAsResponse<T, Options> = Options extends { parseAs: ParseAs } ? BodyType<T>[Options["parseAs"]] : T;

/** What openapi-fetch hands every middleware callback. */
export interface MiddlewareCallbackParams {
  /** Current Request object */
  request: Request;
  /** The original OpenAPI schema path (including curly braces) */
  readonly schemaPath: string;
  /** OpenAPI parameters as provided from openapi-fetch */
  readonly params: {
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
    path?: Record<string, unknown>;
    cookie?: Record<string, unknown>;
  };
  /** Unique ID for this request */
  readonly id: string;
  /** createClient options (read-only) */
  readonly options: {
    baseUrl: string;
    parseAs: ParseAs;
    querySerializer: (query: Record<string, unknown>) => string;
    // openapi-fetch's BodySerializer<unknown>: its body type is undefined for an unknown operation.
    // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own signature
    bodySerializer: (body: undefined) => any;
    pathSerializer: (pathname: string, pathParams: Record<string, unknown>) => string;
    fetch: typeof globalThis.fetch;
  };
}

// biome-ignore-start lint/suspicious/noConfusingVoidType: openapi-fetch's own signatures, kept equal
type OnRequest = (
  options: MiddlewareCallbackParams,
) => void | Request | Response | undefined | Promise<Request | Response | undefined | void>;
type OnResponse = (
  options: MiddlewareCallbackParams & { response: Response },
) => void | Response | undefined | Promise<Response | undefined | void>;
type OnError = (
  options: MiddlewareCallbackParams & { error: unknown },
) => void | Response | Error | Promise<void | Response | Error>;
// biome-ignore-end lint/suspicious/noConfusingVoidType: openapi-fetch's own signatures, kept equal

/** An openapi-fetch middleware: at least one of the three callbacks. */
export type Middleware =
  | { onRequest: OnRequest; onResponse?: OnResponse; onError?: OnError }
  | { onRequest?: OnRequest; onResponse: OnResponse; onError?: OnError }
  | { onRequest?: OnRequest; onResponse?: OnResponse; onError: OnError };

/** openapi-fetch's per-call options beside `params` and `body` (its `FetchOptions`). */
export interface CallOptions extends Omit<RequestInit, "body" | "headers" | "method"> {
  /** set the common root URL for this request */
  baseUrl?: string;
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's signature for an untyped operation
  querySerializer?: ((query: any) => string) | QuerySerializerOptions;
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's signature for an untyped operation
  bodySerializer?: (body: any) => any;
  pathSerializer?: (pathname: string, pathParams: Record<string, unknown>) => string;
  /** How to read the body: "json" (default), "text", "blob", "arrayBuffer" or "stream". */
  parseAs?: ParseAs;
  /** custom fetch for this request */
  fetch?: (input: Request) => Promise<Response>;
  headers?: HeadersOptions;
  middleware?: Middleware[];
}
