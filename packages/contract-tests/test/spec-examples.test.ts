import { readFileSync } from "node:fs";
import { findExampleDefects } from "@org/statsig-console-codegen";
import { expect, test } from "vitest";
import { type Json, loadOverlaidSpec, rawSpecPath } from "../src/spec.js";

const uncompilable = (defects: ReturnType<typeof findExampleDefects>) =>
  defects.filter((d) => d.cause.startsWith("schema does not compile"));

test("every response schema with examples is checkable after the overlays, and fewer examples fail than in the raw spec", () => {
  const raw = findExampleDefects(JSON.parse(readFileSync(rawSpecPath, "utf8")) as Json);
  const overlaid = findExampleDefects(loadOverlaidSpec());
  console.info(
    `response examples failing their schema: raw spec ${raw.length} (${uncompilable(raw).length} under schemas no validator can compile), overlaid spec ${overlaid.length}`,
  );
  expect(uncompilable(overlaid)).toEqual([]);
  expect(overlaid.length).toBeLessThanOrEqual(raw.length);
});
