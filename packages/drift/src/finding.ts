/** How a live response departs from the overlaid spec. */
export type FindingKind =
  | "enum-value"
  | "null"
  | "type"
  | "missing-required"
  | "unknown-property"
  | "status"
  | "content-type"
  | "format";

/**
 * One difference, where it is and what was seen. Never a whole object and never a concrete path: responses
 * carry names and emails, so `received` is the offending value only for enum values, and the JSON type otherwise.
 */
export interface Finding {
  method: string;
  /** The spec's path template (`/console/v1/gates/{id}`), never the path that was requested. */
  path: string;
  status: number;
  /** JSON pointer into the body, array indices written `*`; `""` for `status` and `content-type`. */
  pointer: string;
  kind: FindingKind;
  expected: string;
  received: string;
}

/** The JSON type of a value, as JSON Schema names them. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
