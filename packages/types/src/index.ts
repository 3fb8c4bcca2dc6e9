export {
  type CatalogueEntry,
  type OperationInfo,
  type OperationName,
  operationCatalogue,
  type PaginatedPath,
} from "./generated/catalogue.js";
export type { components, operations, paths } from "./generated/openapi.js";
export type {
  DeleteOperations,
  GetOperations,
  HeadOperations,
  ListItems,
  OperationTypes,
  OptionsOperations,
  PatchOperations,
  PostOperations,
  PutOperations,
  TraceOperations,
} from "./generated/operation-index.js";
export type * from "./generated/schemas.js";
