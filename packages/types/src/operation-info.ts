import type { OperationName } from "./generated/catalogue.js";

/** One row of `operationCatalogue`: an operation of the overlaid spec, as the generator read it. */
export interface OperationInfo {
  /** Stable name derived from method + path (the spec has no operationIds). */
  readonly name: OperationName;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  readonly path: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly requiredQueryParams: readonly string[];
  readonly hasBody: boolean;
  readonly bodyRequired: boolean;
  /** Takes `page` (and usually `limit`) and returns `pagination` metadata. */
  readonly paginated: boolean;
  readonly successStatus: number;
}

export type CatalogueEntry = OperationInfo;
