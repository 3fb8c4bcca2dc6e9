export { type AuthOptions, authMiddleware } from "./auth-middleware.js";
export type { StatsigConsoleClientOptions } from "./client-options.js";
export type { CallFacts, CallOptions, CallResult, StatsigConsoleClient, TypedMethod } from "./client-types.js";
export { createStatsigConsoleClient } from "./create-client.js";
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
export { type ListPath, type PaginatedItem, type PaginateOptions, paginate } from "./paginate.js";
export { rateLimitMiddleware } from "./rate-limit-middleware.js";
export {
  createRateLimiter,
  type QuotaSlots,
  type QuotaStore,
  type QuotaWindow,
  type RateLimiter,
  type RateLimiterOptions,
  type ReleaseSlot,
} from "./rate-limiter.js";
export type { RateLimitEvent, RetryEvent, RetryOptions } from "./retry-options.js";
export { type FetchResult, type SuccessData, unwrap } from "./unwrap.js";
