import openapiTS from "openapi-typescript";
import { openEnumTransform, openResponseEnums } from "./open-enums.js";
import { type SplitTypes, splitOpenapiTypes } from "./split-types.js";

/** `paths`, `components`, `operations` from openapi-typescript's Node API, split (see {@link splitOpenapiTypes}). */
export async function emitOpenapiTypes(spec: Record<string, unknown>): Promise<SplitTypes> {
  const forTypes = withoutExamples(structuredClone(spec));
  openResponseEnums(forTypes);
  const ast = await openapiTS(forTypes as never, {
    // A `default` does not make a field required in a request; responses keep the spec's `required`.
    defaultNonNullable: false,
    silent: true,
    transform: (schema) => openEnumTransform(schema as Record<string, unknown>),
  });
  return splitOpenapiTypes(ast);
}

/**
 * Drops `example`/`examples` (not properties that happen to be named so) before openapi-typescript
 * sees the spec: rendered as @example JSDoc they were 35% of the types file, and so of every
 * consumer's parse time, and 120 of them contradict their own schema anyway.
 */
function withoutExamples<T>(node: T, isPropertyMap = false): T {
  if (Array.isArray(node)) {
    for (const item of node) withoutExamples(item);
  } else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (!isPropertyMap) {
      delete record.example;
      delete record.examples;
    }
    for (const [key, value] of Object.entries(record)) withoutExamples(value, !isPropertyMap && key === "properties");
  }
  return node;
}
