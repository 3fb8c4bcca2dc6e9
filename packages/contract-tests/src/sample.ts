import { deref, type Json } from "./spec.js";

/**
 * A value that satisfies a schema, built from the schema itself: examples where they validate,
 * else the smallest value that meets the constraints (required properties only, first branch of a
 * oneOf/anyOf, enum's first value). Callers validate it with ajv, so a wrong guess fails loudly.
 */
export function sample(spec: Json, node: unknown, depth = 0): unknown {
  const schema = deref(spec, node);
  if (!schema || depth > 12) return null;
  if (schema.enum) return (schema.enum as unknown[]).find((v) => v !== null) ?? null;
  if (schema.allOf) {
    return Object.assign({}, ...(schema.allOf as unknown[]).map((part) => sample(spec, part, depth + 1) as object));
  }
  const branches = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (branches) return sample(spec, branches[0], depth + 1);
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "object": {
      const out: Json = {};
      const properties = (schema.properties ?? {}) as Json;
      for (const name of (schema.required ?? []) as string[])
        out[name] = sample(spec, properties[name] ?? {}, depth + 1);
      return out;
    }
    case "array": {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: count }, () => sample(spec, schema.items ?? {}, depth + 1));
    }
    case "integer":
    case "number":
      if (typeof schema.example === "number") return schema.example;
      // OpenAPI 3.0's boolean exclusiveMinimum excludes the bound itself.
      return Number(schema.minimum ?? 0) + (schema.exclusiveMinimum === true || schema.minimum === undefined ? 1 : 0);
    case "boolean":
      return true;
    case "string":
      return stringFor(schema);
    default:
      return "value";
  }
}

function stringFor(schema: Json): string {
  if (typeof schema.example === "string") return schema.example;
  switch (schema.format) {
    case "date-time":
      return "2024-06-01T00:00:00.000Z";
    case "date":
      return "2024-06-01";
    case "email":
      return "someone@example.com";
    case "uri":
    case "url":
      return "https://example.com";
    default:
      return "x".repeat(Math.max(1, Number(schema.minLength ?? 6)));
  }
}

/** A body that breaks its schema where it matters: a required field missing, or a property of the wrong type. */
export function invalidSample(spec: Json, node: unknown): unknown {
  const schema = deref(spec, node);
  const valid = sample(spec, schema);
  if (valid && typeof valid === "object" && !Array.isArray(valid)) {
    const required = (schema.required ?? []) as string[];
    if (required.length > 0) {
      const copy = { ...(valid as Json) };
      delete copy[required[0] as string];
      return copy;
    }
  }
  return 12345; // the wrong JSON type for any object or array body
}
