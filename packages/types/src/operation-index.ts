// The per-method operation index the client's typed methods read, loading `components` but not
// openapi-typescript's `paths` and `operations`.
export type {
  DeleteOperations,
  GetOperations,
  HeadOperations,
  ListItems,
  OptionsOperations,
  PatchOperations,
  PostOperations,
  PutOperations,
  TraceOperations,
} from "./generated/operation-index.js";
export type { OperationTypes } from "./operation-types.js";
