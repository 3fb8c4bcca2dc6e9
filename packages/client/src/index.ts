export type { CatalogueEntry, OperationInfo, PaginatedPath, paths } from "@org/statsig-console-types";
export { API_KEY_ENV, resolveApiKey } from "./api-key.js";
export {
  API_KEY_HEADER,
  API_VERSION_HEADER,
  type AuthOptions,
  authHeaders,
  authMiddleware,
  DEFAULT_API_VERSION,
} from "./auth-middleware.js";
export type { CallOptions, CallResult, TypedMethod } from "./client-types.js";
export {
  createStatsigConsoleClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type StatsigConsoleClient,
  type StatsigConsoleClientOptions,
} from "./create-client.js";
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  type ErrorContext,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  StatsigConsoleError,
  type StatsigError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";
export { type PaginatedItem, type PaginateOptions, paginate } from "./paginate.js";
export { QuotaBucket, type QuotaWindow } from "./quota-bucket.js";
export { rateLimitMiddleware } from "./rate-limit-middleware.js";
export {
  createRateLimiter,
  DEFAULT_MUTATION_WINDOWS,
  DEFAULT_SEGMENT_WINDOWS,
  type RateLimiter,
  type RateLimiterOptions,
} from "./rate-limiter.js";
export { backoffDelay, isRetryable, parseRetryAfter, type RetryEvent, type RetryOptions } from "./retry-policy.js";
export { type FetchResult, type SuccessData, unwrap } from "./unwrap.js";
