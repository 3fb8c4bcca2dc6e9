import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  type ErrorContext,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  type StatsigConsoleError,
  TimeoutError,
  UnprocessableEntityError,
} from "../errors.js";
import { parseRetryAfter } from "./retry-after.js";
import { serverMessage } from "./server-message.js";

/** What went wrong, in the loop's or unwrap's terms; `makeError` turns it into the error class for it. */
export type Failure =
  | { kind: "status"; status: number; body: unknown; headers: Headers }
  | { kind: "timeout"; timeoutMs: number; cause?: unknown }
  | { kind: "abort"; cause?: unknown }
  | { kind: "connection"; detail: string; cause?: unknown }
  | { kind: "parse"; detail: string; cause?: unknown };

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

const REQUEST_ID_HEADERS = ["x-request-id", "x-statsig-request-id", "x-amzn-requestid", "cf-ray"];

/** The one place errors are built (as openai-node's APIError.generate): same context, same wording, every time. */
export function makeError(failure: Failure, context: ErrorContext): StatsigConsoleError {
  const what = context.method ? `${context.method} ${context.path}` : context.path;
  const cause = { cause: "cause" in failure ? failure.cause : undefined };
  switch (failure.kind) {
    case "status": {
      const { status, body, headers } = failure;
      const said = serverMessage(body, status);
      const ErrorClass = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : ApiError);
      const details = {
        status,
        body,
        serverMessage: said,
        requestId: REQUEST_ID_HEADERS.map((name) => headers.get(name)).find(Boolean) ?? undefined,
      };
      if (status === 429) Object.assign(details, { retryAfterMs: parseRetryAfter(headers.get("retry-after")) });
      return new ErrorClass(`${what} failed with ${status}: ${said}`, context, details);
    }
    case "timeout":
      return new TimeoutError(`${what} timed out after ${failure.timeoutMs} ms`, context, cause);
    case "abort":
      return new AbortError(`${what} was aborted`, context, cause);
    case "connection":
      return new ConnectionError(`${what} failed: ${failure.detail}`, context, cause);
    case "parse":
      return new ResponseParseError(`${what}: ${failure.detail}`, context, cause);
  }
}
