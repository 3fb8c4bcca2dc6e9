import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type Json = Record<string, unknown>;

/** The overlaid spec the types were generated from (and Prism mocks). */
export function loadOverlaidSpec(): Json {
  return JSON.parse(readFileSync(overlaidSpecPath(), "utf8")) as Json;
}

export function overlaidSpecPath(): string {
  return require.resolve("@org/statsig-console-types/openapi.json");
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

/** JSON pointer to an operation's 2xx JSON response schema, for ajv `$ref`s into the spec. */
export function responseSchemaPointer(path: string, method: string, status: number): string {
  const escaped = path.replaceAll("~", "~0").replaceAll("/", "~1");
  return `#/paths/${escaped}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
}
