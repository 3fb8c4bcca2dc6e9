import type { createConfig } from "@redocly/openapi-core";
import { CodegenError } from "./errors.js";
import { isObject, operations, resolvePointer } from "./openapi-doc.js";

/** Redocly's rules for what would otherwise produce broken types. (`struct` is not among them: see below.) */
const RULES = { "no-unresolved-refs": "error", "path-parameters-defined": "error" } as const;
let config: ReturnType<typeof createConfig> | undefined;

/**
 * Structural checks that openapi-typescript does not make (or makes only as warnings) but that would otherwise
 * produce broken types: a `$ref` that points nowhere and a path template whose `{param}` has no declared path
 * parameter (a newer upstream copy of the Statsig spec drops some `{id}` declarations) are Redocly's
 * `no-unresolved-refs` and `path-parameters-defined`. Redocly's `struct` accepts today's spec but rejects the
 * 2024-08 release (224 `type` values OpenAPI 3.0 does not allow), which `spec:diff` and `spec:update` must still
 * read: the two structural facts the generator needs, a non-empty `paths` and every operation's `responses`, are
 * checked here instead. Problems are reported in one line: the first, and how many more.
 */
export async function validateSpec(spec: unknown, label = "spec"): Promise<void> {
  checkDocument(spec, label);
  const problems: string[] = [];
  for (const { path, method, operation } of operations(spec)) {
    if (!isObject(operation.responses)) problems.push(`${method.toUpperCase()} ${path}: no responses`);
  }
  // Loaded on first use (~0.4 s): a document that fails the checks above, or a bad overlay, never needs it.
  const redocly = await import("@redocly/openapi-core");
  config ??= redocly.createConfig({ rules: RULES });
  // The parsed document as is: no second parse of a 2 MB text.
  const found = await redocly.lintDocument({
    document: { source: new redocly.Source("/spec.json", ""), parsed: spec },
    config: await config,
    externalRefResolver: new redocly.BaseResolver(),
  });
  for (const problem of found)
    problems.push(describe(spec, problem.ruleId, problem.message, problem.location[0]?.pointer));
  if (problems.length > 0) {
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    throw new CodegenError(`${label}: ${problems[0]}${more}`);
  }
}

/** What makes a document an OpenAPI 3 document with paths at all (Redocly's lint needs it, and says less). */
export function checkDocument(spec: unknown, label: string): asserts spec is Record<string, unknown> {
  if (!isObject(spec)) throw new CodegenError(`${label}: the document is not an object`);
  if (typeof spec.openapi !== "string" || !/^3\.[01]\./.test(spec.openapi)) {
    throw new CodegenError(`${label}: expected an OpenAPI 3.0/3.1 document ("openapi": "3.x.y")`);
  }
  if (!isObject(spec.paths) || Object.keys(spec.paths).length === 0) {
    throw new CodegenError(`${label}: the document has no "paths"`);
  }
}

/** One Redocly problem as a line of ours: the operation it is in, or the `$ref` that points nowhere. */
function describe(spec: unknown, rule: string, message: string, pointer = "#/"): string {
  if (rule === "no-unresolved-refs") {
    const node = resolvePointer(spec, pointer);
    const ref = isObject(node) && typeof node.$ref === "string" ? node.$ref : "?";
    return `unresolved $ref "${ref}" at ${pointer}`;
  }
  const at = /^#\/paths\/([^/]+)\/([a-z]+)(\/|$)/.exec(pointer);
  if (!at) return `${message} (${rule} at ${pointer})`;
  const path = decodeURIComponent(at[1] as string)
    .replaceAll("~1", "/")
    .replaceAll("~0", "~");
  return `${(at[2] as string).toUpperCase()} ${path}: ${message}`;
}
