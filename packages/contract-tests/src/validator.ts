import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { Json } from "./spec.js";

/**
 * ajv over a whole OpenAPI 3.0 document: `validator.at(pointer)` compiles the schema at a JSON
 * pointer, resolving `#/components/...` against the document. ajv's own `nullable` support
 * (OpenAPI 3.0's keyword, which requires a `type`) handles null.
 */
export function createValidator(spec: Json) {
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  // OpenAPI's numeric formats are type hints, not string formats.
  for (const format of ["int32", "int64", "float", "double"]) ajv.addFormat(format, true);
  ajv.addSchema(spec, "spec");
  const cache = new Map<string, ValidateFunction>();
  return {
    at(pointer: string): ValidateFunction {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `spec${pointer}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
    errorsText(validate: ValidateFunction): string {
      return ajv.errorsText(validate.errors, { separator: "; " });
    },
  };
}

export type Validator = ReturnType<typeof createValidator>;
