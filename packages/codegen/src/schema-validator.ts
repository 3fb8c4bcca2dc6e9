import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { type Json, pointerPath } from "./openapi-doc.js";

/**
 * ajv over a whole OpenAPI 3.0 document: `validator.at(pointer)` compiles the schema at a JSON
 * pointer, resolving `#/components/...` against the document. ajv's own `nullable` support
 * (OpenAPI 3.0's keyword, which requires a `type`) handles null.
 */
export function createValidator(spec: Json, options: { coerceTypes?: boolean; allErrors?: boolean } = {}) {
  // Prism coerces query and path parameters (they arrive as strings); bodies are validated as sent.
  const ajv = new Ajv({
    strict: false,
    allErrors: options.allErrors ?? true,
    allowUnionTypes: true,
    coerceTypes: options.coerceTypes ?? false,
    // `multipleOf: 0.01` on floats (pass percentages) needs a tolerance.
    multipleOfPrecision: 9,
    // Generation compiles hundreds of response schemas once each: compiling every referenced schema once
    // (not inlined into each validator), without ajv's optimiser, took the generator from 3.5 s to 2.8 s.
    inlineRefs: false,
    code: { optimize: false },
  });
  addFormats.default(ajv);
  // OpenAPI's numeric formats are type hints, not string formats.
  for (const format of ["int32", "int64", "float", "double"]) ajv.addFormat(format, true);
  ajv.addSchema(toJsonSchemaBounds(spec), "spec");
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

/** JSON pointer to an operation's JSON request body schema, for `validator.at`. */
export function requestBodySchemaPointer(path: string, method: string): string {
  return `#${pointerPath("paths", path, method.toLowerCase(), "requestBody", "content", "application/json", "schema")}`;
}

/** JSON pointer to an operation's JSON response schema, for `validator.at`. */
export function responseSchemaPointer(path: string, method: string, status: number | string): string {
  return `#${pointerPath("paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}`;
}

/**
 * OpenAPI 3.0 writes exclusive bounds as booleans beside `minimum`/`maximum` (JSON Schema draft 4);
 * ajv reads draft 6+ numbers. Rewrites a copy, as Prism's own loader does.
 */
export function toJsonSchemaBounds(node: unknown): Json {
  const copy = structuredClone(node) as Json;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== "object") return;
    const schema = value as Json;
    for (const [flag, bound] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ] as const) {
      if (typeof schema[flag] !== "boolean") continue;
      if (schema[flag] === true && typeof schema[bound] === "number") {
        schema[flag] = schema[bound];
        delete schema[bound];
      } else delete schema[flag];
    }
    for (const child of Object.values(schema)) visit(child);
  };
  visit(copy);
  return copy;
}
