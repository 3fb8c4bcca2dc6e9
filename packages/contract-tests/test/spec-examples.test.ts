import { readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "vitest";
import { COVERAGE_EXAMPLES_FILE } from "../src/coverage.js";
import { type Json, loadOverlaidSpec, rawSpecPath, responseSchemaPointer } from "../src/spec.js";
import { createValidator } from "../src/validator.js";

/** Response examples (media `example`/`examples`, schema `example`) that fail their own response schema. */
function invalidExamples(spec: Json) {
  const validator = createValidator(spec);
  let failing = 0;
  let uncompilable = 0;
  const operations = new Set<string>();
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(((operation as Json).responses ?? {}) as Record<string, Json>)) {
        const media = (response.content as Json | undefined)?.["application/json"] as Json | undefined;
        if (!/^2/.test(status) || !media?.schema) continue;
        const examples = [
          media.example,
          (media.schema as Json).example,
          ...Object.values((media.examples ?? {}) as Record<string, Json>).map((e) => e.value),
        ].filter((e) => e !== undefined);
        let validate: ReturnType<typeof validator.at>;
        try {
          validate = validator.at(responseSchemaPointer(path, method, Number(status)));
        } catch {
          uncompilable++; // e.g. `nullable` without `type` in the raw spec: no validator can check it
          continue;
        }
        for (const example of examples) {
          if (!validate(example)) {
            failing++;
            operations.add(`${method.toUpperCase()} ${path}`);
          }
        }
      }
    }
  }
  return { failing, operations: operations.size, uncompilable };
}

test("every response schema is checkable after the overlays, and the spec's own examples that fail them are counted", () => {
  const raw = invalidExamples(JSON.parse(readFileSync(rawSpecPath, "utf8")) as Json);
  const overlaid = invalidExamples(loadOverlaidSpec());
  writeFileSync(COVERAGE_EXAMPLES_FILE, `${JSON.stringify({ raw, overlaid }, null, 2)}\n`);
  console.info(
    `2xx response examples failing their schema: raw spec ${raw.failing} in ${raw.operations} operations (${raw.uncompilable} schemas no validator can compile), ` +
      `overlaid spec ${overlaid.failing} in ${overlaid.operations} operations (${overlaid.uncompilable} uncompilable)`,
  );
  expect(raw.uncompilable).toBeGreaterThan(0);
  expect(overlaid.uncompilable).toBe(0);
  // These examples are why the contract suite runs Prism with --dynamic (responses built from the schemas).
  expect(overlaid.failing).toBeGreaterThan(0);
});
