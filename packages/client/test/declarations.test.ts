// What a consumer's type-checker loads through this package's declarations. openapi-fetch's own
// declarations cost ~1.3 s of a lib-checked program, and the types package's root entry adds
// openapi-typescript's `paths` and `operations`: neither may come back through a stray import.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

function declarationImports(): Map<string, string[]> {
  const imports = new Map<string, string[]>();
  for (const entry of readdirSync(dist, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".d.ts")) continue;
    const text = readFileSync(join(dist, entry), "utf8");
    const specifiers = [...text.matchAll(/(?:from|import\()\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");
    imports.set(entry, specifiers);
  }
  return imports;
}

test("the shipped declarations import neither openapi-fetch nor the types package's root entry", () => {
  const imports = declarationImports();
  expect(imports.size).toBeGreaterThan(0);
  const external = [...imports].flatMap(([file, specifiers]) =>
    specifiers.filter((s) => !s.startsWith(".")).map((s) => `${file}: ${s}`),
  );
  expect(external.length).toBeGreaterThan(0);
  // quota-windows is a few lines of declarations (the documented windows and their arithmetic).
  for (const line of external) expect(line).toMatch(/: @org\/statsig-console-types\/(operation-index|quota-windows)$/);
});
