/** An error of an ahead-of-time compiled validator (ajv's standalone output, with `allErrors`). */
export interface ValidationError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
}

/** A response body validator compiled by the generator: true when the body matches, else `errors`. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

/** By operation (`GET /console/v1/gates`), then the spec's status key (`200`, `4XX`, `default`), then media type. */
export type ResponseValidatorTable = Record<string, Record<string, Record<string, CompiledValidator | null>>>;

/** The declared response schemas, in the same layout, and the `components.schemas` their `$ref`s point into. */
export interface ResponseSchemas {
  responses: Record<string, Record<string, Record<string, unknown>>>;
  /** Where each of those schemas is in the overlaid spec (`#/paths/...` or `#/components/responses/...`). */
  locations: Record<string, Record<string, Record<string, string | null>>>;
  components: { schemas: Record<string, unknown> };
}
