import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export { responseSchemaPointer } from "@org/statsig-console-codegen";

const require = createRequire(import.meta.url);

export type Json = Record<string, unknown>;

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
  let current = node as Json;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 20; depth++) {
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Json)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec) as Json;
  }
  return current;
}

export function operationOf(spec: Json, method: string, path: string): Json {
  return ((spec.paths as Json)[path] as Json)[method.toLowerCase()] as Json;
}
