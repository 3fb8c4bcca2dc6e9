/**
 * Error classes by cause. None of them ever holds the API key: they are built from the method,
 * the path template, the URL (which carries no credentials), the status and the server's message.
 */
export interface ErrorContext {
  /** HTTP method, upper case. */
  method: string;
  /** Path template as called, e.g. `/console/v1/gates/{id}`. */
  path: string;
  /** Full URL of the last attempt. */
  url?: string;
}

/** Base class of every error this client throws or returns through `unwrap`. */
export class StatsigConsoleError extends Error {
  override name = "StatsigConsoleError";
  readonly method: string;
  readonly path: string;
  readonly url: string | undefined;
  constructor(message: string, context: ErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.method = context.method;
    this.path = context.path;
    this.url = context.url;
  }
}

/** The options given to `createStatsigConsoleClient` cannot work (missing or wrong kind of key...). */
export class ConfigurationError extends StatsigConsoleError {
  override name = "ConfigurationError";
  constructor(message: string) {
    super(message, { method: "", path: "" });
  }
}

/** The server answered with a non-2xx status. Subclasses narrow `status`. */
export class ApiError extends StatsigConsoleError {
  override name = "ApiError";
  readonly status: number;
  /** Parsed JSON error body, or the raw text when it was not JSON (e.g. an HTML error page). */
  readonly body: unknown;
  /** The server's own request id, when it sent one. */
  readonly requestId: string | undefined;
  constructor(status: number, body: unknown, context: ErrorContext, requestId?: string) {
    super(`${context.method} ${context.path} failed with ${status}: ${serverMessage(body, status)}`, context);
    this.status = status;
    this.body = body;
    this.requestId = requestId;
  }
  /** The server's message (`message` of a JSON body, else a short description of the body). */
  get serverMessage(): string {
    return serverMessage(this.body, this.status);
  }
}

export class BadRequestError extends ApiError {
  override name = "BadRequestError";
  declare readonly status: 400;
}
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
  declare readonly status: 401;
}
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
  declare readonly status: 403;
}
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
  declare readonly status: 404;
}
export class ConflictError extends ApiError {
  override name = "ConflictError";
  declare readonly status: 409;
}
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
  declare readonly status: 422;
}
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  declare readonly status: 429;
  /** Milliseconds the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(status: number, body: unknown, context: ErrorContext, requestId?: string, retryAfterMs?: number) {
    super(status, body, context, requestId);
    this.retryAfterMs = retryAfterMs;
  }
}
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

/** The request never produced a response: DNS, refused or reset connection, TLS, a redirect that could not be followed. */
export class ConnectionError extends StatsigConsoleError {
  override name = "ConnectionError";
}
/** An attempt exceeded `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}
/** The caller's `signal` aborted the request (while queued, waiting to retry or in flight). */
export class AbortError extends StatsigConsoleError {
  override name = "AbortError";
}
/** A 2xx response whose body could not be parsed as the spec says (e.g. malformed JSON). */
export class ResponseParseError extends StatsigConsoleError {
  override name = "ResponseParseError";
}

/** Every error the client can produce, for exhaustive handling. */
export type StatsigError =
  | ConfigurationError
  | BadRequestError
  | AuthenticationError
  | PermissionDeniedError
  | NotFoundError
  | ConflictError
  | UnprocessableEntityError
  | RateLimitError
  | InternalServerError
  | ApiError
  | ConnectionError
  | TimeoutError
  | AbortError
  | ResponseParseError;

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
};

/** The error class for an HTTP failure status. */
export function apiErrorFor(
  status: number,
  body: unknown,
  context: ErrorContext,
  headers?: Headers,
  retryAfterMs?: number,
): ApiError {
  const requestId = headers ? requestIdOf(headers) : undefined;
  if (status === 429) return new RateLimitError(status, body, context, requestId, retryAfterMs);
  const ErrorClass = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass(status, body, context, requestId);
}

const REQUEST_ID_HEADERS = ["x-request-id", "x-statsig-request-id", "x-amzn-requestid", "cf-ray"];

function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

function serverMessage(body: unknown, status: number): string {
  if (body && typeof body === "object" && typeof (body as { message?: unknown }).message === "string") {
    return (body as { message: string }).message;
  }
  if (typeof body === "string" && body.trim() !== "") {
    const text = body.trimStart().startsWith("<") ? `non-JSON body (${body.length} bytes of HTML)` : body.trim();
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  }
  return `HTTP ${status}`;
}
