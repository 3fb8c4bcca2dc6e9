export { type OperationName, operationCatalogue, type PaginatedPath } from "./generated/catalogue.js";
export type { operations, paths } from "./generated/openapi.js";
export type * from "./operation-index.js";
export type { CatalogueEntry, OperationInfo } from "./operation-info.js";
export type * from "./schemas.js";
