import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type JSONValue, jsonpointer } from "json-p3";
import { expect, test } from "vitest";
import { createResponseChecker } from "../src/index.js";

type Json = Record<string, unknown>;
// Whatever spec is vendored: the overlaid one, as the mock ships it.
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@org/statsig-console-mock/openapi.json"), "utf8"),
) as Json & {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, Json> }> }>>;
};

/** A schema that constrains nothing (no type, no combinator, no properties): any body fits it. */
const constrainsNothing = (schema: Json | undefined): boolean => {
  let node = schema;
  for (let hops = 0; hops < 32 && node && typeof node.$ref === "string"; hops++) {
    node = jsonpointer.resolve((node.$ref as string).slice(1), spec as JSONValue) as Json;
  }
  return !node || !["type", "allOf", "oneOf", "anyOf", "properties", "enum"].some((key) => key in node);
};

test("every GET response of the overlaid spec is checkable by the generated validators: a body of the wrong type gives findings, never an exception", () => {
  const check = createResponseChecker();
  let checked = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [status, response] of Object.entries(item.get?.responses ?? {})) {
      const json = response.content?.["application/json"];
      if (!json || !/^\d+$/.test(status)) continue;
      const findings = check({ method: "GET", path, status: Number(status), contentType: "application/json", body: 5 });
      if (!constrainsNothing(json.schema as Json | undefined))
        expect(findings.length, `GET ${path} ${status}`).toBeGreaterThan(0);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
});
