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
export { memoryQuotaStore } from "./memory-quota-store.js";
export { type ListPath, type PaginatedItem, type PaginateOptions, paginate } from "./paginate.js";
export type {
  QuotaBucketStore,
  QuotaDecision,
  QuotaSlots,
  QuotaStore,
  ReleaseSlot,
} from "./quota-store.js";
export { createRateLimiter, type QuotaWindow, type RateLimiter, type RateLimiterOptions } from "./rate-limiter.js";
export type { RateLimitEvent, RetryEvent, RetryOptions } from "./retry-options.js";
export { type FetchResult, type SuccessData, unwrap } from "./unwrap.js";
