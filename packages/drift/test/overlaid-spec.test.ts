import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { createResponseChecker } from "../src/index.js";

// Whatever spec is vendored: the overlaid one, as the mock ships it.
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@org/statsig-console-mock/openapi.json"), "utf8"),
) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

test("every GET response of the overlaid spec is checkable: a wrong body gives findings, never an exception", () => {
  const check = createResponseChecker(spec);
  const checked: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [status, response] of Object.entries(item.get?.responses ?? {})) {
      if (!response.content?.["application/json"] || !/^\d+$/.test(status)) continue;
      const findings = check({
        method: "GET",
        path,
        status: Number(status),
        contentType: "application/json",
        body: 5,
      });
      expect(findings.length, `GET ${path} ${status}`).toBeGreaterThan(0);
      checked.push(`GET ${path} ${status}`);
    }
  }
  expect(checked.length).toBeGreaterThan(0);
});
