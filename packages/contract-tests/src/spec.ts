import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { isObject, type Json, operationAt, resolve } from "@org/statsig-console-codegen";

export { type Json, responseSchemaPointer } from "@org/statsig-console-codegen";

const require = createRequire(import.meta.url);

/** The overlaid spec the types were generated from (and Prism mocks). */
export function loadOverlaidSpec(): Json {
  return JSON.parse(readFileSync(overlaidSpecPath(), "utf8")) as Json;
}

export function overlaidSpecPath(): string {
  return require.resolve("@org/statsig-console-mock/openapi.json");
}

/** The vendored spec exactly as upstream publishes it. */
export const rawSpecPath = new URL("../../../spec/statsig_openapi.json", import.meta.url).pathname;

/** Follows `$ref`s (local ones, as the validator guarantees) until a real node. */
export function deref(spec: Json, node: unknown): Json {
  let current = node;
  for (let depth = 0; isObject(current) && typeof current.$ref === "string" && depth < 20; depth++) {
    current = resolve(spec, current);
  }
  return current as Json;
}

export function operationOf(spec: Json, method: string, path: string): Json {
  const operation = operationAt(spec, path, method);
  if (!operation) throw new Error(`the overlaid spec has no ${method} ${path}`);
  return operation;
}
