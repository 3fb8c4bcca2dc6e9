import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Json } from "@org/statsig-console-codegen";

export {
  deref,
  type Json,
  operationOf,
  pointerPath,
  requestBodySchemaPointer,
  responseSchemaPointer,
} from "@org/statsig-console-codegen";

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
