import { CodegenError } from "./errors.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type Json = Record<string, unknown>;

/**
 * Structural checks that openapi-typescript does not make (or makes only as warnings) but that
 * would otherwise produce broken types: a missing `paths`, a `$ref` that points nowhere, and a
 * path template whose `{param}` has no declared path parameter (a newer upstream copy of the
 * Statsig spec drops some `{id}` declarations). Problems are collected and reported in one line.
 */
export function validateSpec(spec: unknown, label = "spec"): void {
  if (!isObject(spec)) throw new CodegenError(`${label}: the document is not an object`);
  if (typeof spec.openapi !== "string" || !/^3\.[01]\./.test(spec.openapi)) {
    throw new CodegenError(`${label}: expected an OpenAPI 3.0/3.1 document ("openapi": "3.x.y")`);
  }
  if (!isObject(spec.paths) || Object.keys(spec.paths).length === 0) {
    throw new CodegenError(`${label}: the document has no "paths"`);
  }
  const problems: string[] = [];
  collectRefProblems(spec, spec, "#", problems);
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!isObject(item)) continue;
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const declared = new Set(
        [...asArray(item.parameters), ...asArray(operation.parameters)]
          .map((p) => resolve(spec, p))
          .filter((p): p is Json => isObject(p) && p.in === "path")
          .map((p) => String(p.name)),
      );
      for (const name of inPath) {
        if (!declared.has(name))
          problems.push(`${method.toUpperCase()} ${path}: path parameter {${name}} is not declared`);
      }
      for (const name of declared) {
        if (!inPath.includes(name))
          problems.push(`${method.toUpperCase()} ${path}: declares path parameter "${name}" that is not in the path`);
      }
      if (!isObject(operation.responses)) problems.push(`${method.toUpperCase()} ${path}: no responses`);
    }
  }
  if (problems.length > 0) {
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    throw new CodegenError(`${label}: ${problems[0]}${more}`);
  }
}

function collectRefProblems(root: Json, node: unknown, at: string, problems: string[]): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) collectRefProblems(root, child, `${at}/${i}`, problems);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === "string") {
    if (!node.$ref.startsWith("#/")) problems.push(`external $ref "${node.$ref}" at ${at} is not supported`);
    else if (resolvePointer(root, node.$ref) === undefined) problems.push(`unresolved $ref "${node.$ref}" at ${at}`);
  }
  for (const [key, child] of Object.entries(node)) {
    collectRefProblems(root, child, `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`, problems);
  }
}

/** Follows a local JSON pointer such as `#/components/schemas/Foo`; undefined when it points nowhere. */
export function resolvePointer(root: unknown, ref: string): unknown {
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

/** Resolves one level of `$ref` (enough for parameters and schemas in this spec). */
export function resolve(root: unknown, node: unknown): unknown {
  if (isObject(node) && typeof node.$ref === "string") return resolvePointer(root, node.$ref);
  return node;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
