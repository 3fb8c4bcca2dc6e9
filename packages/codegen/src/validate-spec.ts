import { CodegenError } from "./errors.js";
import { isObject, type Json, operations, parametersOf, resolvePointer } from "./openapi-doc.js";

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
  for (const at of operations(spec)) {
    const { path, method, operation } = at;
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const declared = new Set(
      parametersOf(spec, at)
        .filter((p) => p.in === "path")
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
