/**
 * `@org/statsig-console-client/compose`: the client's auth and quota as parts for your own openapi-fetch client,
 * for an app that builds one itself. The main entry's client does all of this on its own.
 */
export { type AuthOptions, authMiddleware } from "./auth-middleware.js";
export { rateLimitFetch } from "./rate-limit-fetch.js";
