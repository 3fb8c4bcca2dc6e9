import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { interfaceName } from "@org/statsig-console-codegen";
import { operationCatalogue } from "@org/statsig-console-types";
import ts from "typescript";
import { afterAll, expect, test } from "vitest";
import { typedCalls } from "../src/generated/index.js";
import { typedCallFor } from "../src/typed-call.js";

const require = createRequire(import.meta.url);
const generated = new URL("../src/generated/", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "typed-calls-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The first operation whose success sample is an object, and its first property's sampled value. */
function target() {
  for (const op of operationCatalogue) {
    const { response } = typedCallFor(typedCalls, op);
    if (response && typeof response === "object" && !Array.isArray(response)) {
      const [key, value] = Object.entries(response)[0] ?? [];
      if (key !== undefined) return { op, key, value };
    }
  }
  throw new Error("no operation answers an object");
}

// What the done-when asks, without rebuilding the types package: a scratch copy of the operation index in which one
// operation's response type says something else about one property, mapped in place of the real one.
test("a response type edited in a scratch copy of the types fails the type-check of that operation's call", () => {
  const { op, key, value } = target();
  const other = typeof value === "string" ? "number" : "string";
  const index = interfaceName(op.method);
  const real = require.resolve("@org/statsig-console-types/operation-index");
  writeFileSync(
    join(scratch, "operation-index.d.ts"),
    [
      `export type * from ${JSON.stringify(real)};`,
      `import type { ${index} as Real } from ${JSON.stringify(real)};`,
      `type P = ${JSON.stringify(op.path)};`,
      `export type ${index} = Omit<Real, P> & {`,
      `  [K in P]: Omit<Real[P], "data"> & { data: Omit<Real[P]["data"], ${JSON.stringify(key)}> & { ${JSON.stringify(key)}: ${other} } };`,
      "};",
    ].join("\n"),
  );
  const untouched = operationCatalogue.find((o) => o.method !== op.method);
  const roots = [op, untouched].filter((o) => o !== undefined).map((o) => join(generated, `${o.name}.ts`));
  const program = ts.createProgram(roots, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    baseUrl: generated,
    paths: { "@org/statsig-console-types/operation-index": [join(scratch, "operation-index.d.ts")] },
  });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file?.fileName.slice(generated.length),
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    at: d.file?.text.slice(d.start ?? 0, (d.start ?? 0) + (d.length ?? 0)),
  }));
  // The operation's own file fails, at the property; the other operation's file does not.
  expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
  expect(new Set(errors.map((e) => e.file))).toEqual(new Set([`${op.name}.ts`]));
  expect(errors.map((e) => e.at)).toContain(JSON.stringify(key));
});
