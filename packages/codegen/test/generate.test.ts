import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { cli, generatedDir, overlaysDir, specFile } from "./paths.js";

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "codegen-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function codegen(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));

describe("generate", () => {
  // The committed output is what the generator writes: `pnpm test`'s generate:check regenerates it and fails on any
  // difference (that is the determinism check, on a fresh clone). So the first test reads it, and the second runs the
  // generator on a one-operation spec rather than on the vendored one again.
  test("the committed output has every file, each generated one starting with a do-not-edit header and the spec's sha256", () => {
    const committed = snapshot(generatedDir);
    expect(Object.keys(committed).sort()).toEqual([
      "catalogue.ts",
      "components.ts",
      "known-example-defects.md",
      "openapi.ts",
      "operation-index.ts",
      "schemas.ts",
    ]);
    for (const name of ["catalogue.ts", "components.ts", "openapi.ts", "operation-index.ts", "schemas.ts"]) {
      expect(committed[name]?.split("\n")[0]).toMatch(/@generated .* DO NOT EDIT/);
      expect(committed[name]).toContain(`sha256 ${createHash("sha256").update(readFileSync(specFile)).digest("hex")}`);
    }
  });

  test("writes a folder that did not exist, then --check fails on a hand-edited file, naming it alone", async () => {
    // A one-operation spec and no overlays: the write path and --check cost a generation each, and the vendored spec's
    // own generation is generate:check's.
    const tiny = {
      openapi: "3.0.0",
      info: { title: "tiny", version: "1" },
      paths: {
        "/console/v1/things": {
          get: {
            operationId: "listThings",
            summary: "List things",
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
            },
          },
        },
      },
    };
    const spec = join(scratch, "tiny.json");
    writeFileSync(spec, JSON.stringify(tiny));
    const overlays = join(scratch, "no-overlays");
    mkdirSync(overlays);
    const out = join(scratch, "tiny-out");
    const written = await codegen("--spec", spec, "--overlays", overlays, "--out", out);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^1 operations, 0 overlay actions applied: wrote catalogue\.ts \(missing\),/);
    const files = snapshot(out);
    expect(files["operation-index.ts"]?.split("\n")[0]).toMatch(/@generated .* DO NOT EDIT/);
    expect(files["catalogue.ts"]).toContain('"/console/v1/things"');

    writeFileSync(join(out, "schemas.ts"), `${files["schemas.ts"]}// hand edit\n`);
    const result = await codegen("--spec", spec, "--overlays", overlays, "--out", out, "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/generated output is stale: schemas\.ts differ from what/);
    expect(readdirSync(out).sort()).toEqual(Object.keys(files).sort());
    expect(readFileSync(join(out, "schemas.ts"), "utf8")).toMatch(/\/\/ hand edit\n$/);
  });
});

describe("bad input: a clear one-line error, a non-zero exit, the previous output untouched", () => {
  const spec = JSON.parse(readFileSync(specFile, "utf8"));
  const cases: [string, () => string[], RegExp][] = [
    ["invalid JSON", () => ["--spec", write("broken.json", '{"openapi": "3.0.0", ')], /broken\.json: invalid JSON/],
    [
      "an unresolved $ref",
      () => {
        const bad = structuredClone(spec);
        bad.paths["/console/v1/gates"].get.responses["200"].content["application/json"].schema.allOf[0].$ref =
          "#/components/schemas/Missing";
        return ["--spec", write("unresolved.json", JSON.stringify(bad))];
      },
      /unresolved \$ref "#\/components\/schemas\/Missing" at #\/paths\/~1console~1v1~1gates\/get\//,
    ],
    [
      "a missing paths",
      () => ["--spec", write("nopaths.json", JSON.stringify({ ...spec, paths: undefined }))],
      /has no "paths"/,
    ],
    [
      "an undeclared path parameter",
      () => {
        const bad = structuredClone(spec);
        bad.paths["/console/v1/gates/{id}"].get.parameters = bad.paths["/console/v1/gates/{id}"].get.parameters.filter(
          (p: { in: string }) => p.in !== "path",
        );
        return ["--spec", write("noparam.json", JSON.stringify(bad))];
      },
      /GET \/console\/v1\/gates\/\{id\}: The operation does not define the path parameter `\{id\}`/,
    ],
    [
      "a missing overlays folder",
      () => ["--overlays", join(scratch, "no-such-overlays")],
      /cannot read the overlays folder \S*no-such-overlays \(ENOENT\)/,
    ],
    [
      "invalid YAML in an overlay",
      () => ["--overlays", overlayDir("yaml", "01-bad.yaml", "overlay: 1.0.0\nactions: [\n")],
      /01-bad\.yaml: invalid YAML/,
    ],
    [
      "a stale overlay",
      () => [
        "--overlays",
        overlayDir(
          "stale",
          "09-stale.yaml",
          'overlay: 1.0.0\ninfo: {title: t, version: "1"}\nactions:\n  - target: "$.components.schemas.GoneDto"\n    description: fix GoneDto\n    remove: true\n',
        ),
      ],
      /stale overlay: 09-stale\.yaml action #1 "fix GoneDto"/,
    ],
  ];

  function write(name: string, content: string): string {
    const file = join(scratch, name);
    writeFileSync(file, content);
    return file;
  }
  function overlayDir(name: string, file: string, content: string): string {
    const dir = join(scratch, `overlays-${name}`);
    cpSync(overlaysDir, dir, { recursive: true });
    writeFileSync(join(dir, file), content);
    return dir;
  }

  test.each(cases)("%s", async (_label, args, message) => {
    const out = join(scratch, `out-${_label.replaceAll(" ", "-")}`);
    cpSync(generatedDir, out, { recursive: true });
    writeFileSync(join(out, "previous.txt"), "previous output");
    const before = snapshot(out);
    const result = await codegen(...args(), "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(snapshot(out)).toEqual(before);
  });
});
