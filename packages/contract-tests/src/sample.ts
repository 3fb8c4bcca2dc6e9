import { sample as sampleSchema } from "openapi-sampler";
import { deref, type Json } from "./spec.js";

/**
 * A value that satisfies a schema, built from it by openapi-sampler: required properties only, no read-only ones
 * (a request). Callers validate it with ajv, so a wrong guess fails loudly. (Checked when it came in: it builds a
 * valid body for every request body of today's spec, as the hand-written sampler it replaced did.)
 */
export function sample(spec: Json, node: unknown): unknown {
  return sampleSchema(node as never, { skipReadOnly: true, skipNonRequired: true }, spec as never);
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
