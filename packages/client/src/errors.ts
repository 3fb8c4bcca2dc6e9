/**
 * Error classes by cause. None of them ever holds the API key: they are built (in
 * internal/make-error.ts, the one place) from the method, the path template, the URL (which carries
 * no credentials), the status and the server's message.
 */
export interface ErrorContext {
  /** HTTP method, upper case; undefined where unknown (`unwrap` on a plain openapi-fetch result). */
  method: string | undefined;
  /** Path template as called, e.g. `/console/v1/gates/{id}` (the URL's path where unknown). */
  path: string;
  /** Full URL of the last request sent. */
  url?: string | undefined;
  /**
   * false only when no attempt can have changed anything on the server: nothing was sent, or every
   * answer was a refusal (429 or another 4xx). A mutation whose error says false is safe to send again.
   */
  mayHaveBeenApplied: boolean;
}

/** Base class of every error this client throws or returns through `unwrap`. (Fields are set with Object.assign: fewer bytes.) */
export class StatsigConsoleError extends Error {
  override name = "StatsigConsoleError";
  declare readonly method: string | undefined;
  declare readonly path: string;
  declare readonly url: string | undefined;
  /** Whether the request may have reached the server and changed something (see ErrorContext). */
  declare readonly mayHaveBeenApplied: boolean;
  constructor(message: string, context: ErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    const { method, path, url, mayHaveBeenApplied } = context;
    Object.assign(this, { method, path, url, mayHaveBeenApplied });
  }
}

/** The options given to the client cannot work (missing or malformed key, invalid baseUrl or timeoutMs...). */
export class ConfigurationError extends StatsigConsoleError {
  override name = "ConfigurationError";
  constructor(message: string) {
    super(message, { method: undefined, path: "", mayHaveBeenApplied: false });
  }
}

export interface ApiErrorDetails {
  status: number;
  body: unknown;
  serverMessage: string;
  requestId: string | undefined;
  /** Only for 429s. */
  retryAfterMs?: number | undefined;
}

/** The server answered with a non-2xx status. Subclasses narrow `status`. */
export class ApiError extends StatsigConsoleError {
  override name = "ApiError";
  declare readonly status: number;
  /** Parsed JSON error body, or the raw text when it was not JSON (e.g. an HTML error page). */
  declare readonly body: unknown;
  /** The server's own words: Statsig's `message` and `errors`, problem+json's `detail`, or a summary of the body. */
  declare readonly serverMessage: string;
  /** The server's own request id, when it sent one. */
  declare readonly requestId: string | undefined;
  constructor(message: string, context: ErrorContext, details: ApiErrorDetails) {
    super(message, context);
    Object.assign(this, details);
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
  /** Milliseconds the server asked to wait (`Retry-After`), when it said. (Set by ApiError from its details.) */
  declare readonly retryAfterMs: number | undefined;
}
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

/** No usable response: DNS, refused or reset connection, TLS, a body cut short, a redirect that could not be followed. */
export class ConnectionError extends StatsigConsoleError {
  override name = "ConnectionError";
}
/** A request was sent and got no complete response within `timeoutMs`. Never raised for a request that was not sent. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}
/** The caller's `signal` aborted the call (while queued, waiting to retry, in flight or reading the body). */
export class AbortError extends StatsigConsoleError {
  override name = "AbortError";
}
/** A 2xx response whose body is not what the spec says: malformed JSON, or a list page that is not a page. */
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
