type Json = Record<string, unknown>;

/**
 * OpenAPI 3.0 writes exclusive bounds as booleans beside `minimum`/`maximum` (JSON Schema draft 4); ajv reads the
 * numbers of draft 6 and later, and refuses a boolean. Rewrites a copy, as Prism's loader and the generator's
 * validators do. (ajv-draft-04 reads the booleans, but also takes every `id` property of an example for a schema id.)
 */
export function withNumericExclusiveBounds<T>(document: T): T {
  const copy = structuredClone(document);
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
