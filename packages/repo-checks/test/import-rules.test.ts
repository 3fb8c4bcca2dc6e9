import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";

// The layering of ARCHITECTURE.md as the lint enforces it: the repository's own biome.json, run on probe files placed
// where each package's code lives, in a scratch folder (no file of the repository is touched).
const run = promisify(execFile);
const root = new URL("../../../", import.meta.url).pathname;
const biome = join(root, "node_modules/.bin/biome");
const scratch = mkdtempSync(join(tmpdir(), "import-rules-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8")) as Record<string, unknown>;
writeFileSync(join(scratch, "biome.json"), JSON.stringify({ ...config, vcs: { enabled: false }, files: undefined }));

/** Lints one probe file that imports `from` at `path`; the restricted-import messages it gets. */
async function lint(path: string, from: string): Promise<string[]> {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `import * as probe from "${from}";\nexport const used = probe;\n`);
  const outcome = await run(biome, ["lint", "--max-diagnostics=50", path], { cwd: scratch }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  rmSync(file);
  const text = `${outcome.stdout}${outcome.stderr}`;
  return [...text.matchAll(/lint\/style\/noRestrictedImports[\s\S]*?× ([^\n]+)/g)].map((m) => m[1] as string);
}

test.each([
  ["packages/types/src/probe.ts", "@org/statsig-console-client", "types is the bottom layer"],
  ["packages/client/src/probe.ts", "@org/statsig-console-mock", "the client imports only the types"],
  ["packages/client/src/probe.ts", "@org/statsig-console-quota-redis", "the client imports only the types"],
  ["packages/mock-server/src/probe.ts", "@org/statsig-console-client", "importing the client would be a cycle"],
  ["packages/codegen/src/probe.ts", "@org/statsig-console-types", "codegen is where the flow starts"],
  ["packages/quota-redis/src/probe.ts", "@org/statsig-console-mock", "the Redis store imports only the client"],
  ["packages/drift/src/probe.ts", "@org/statsig-console-mock", "drift imports only the client and the types"],
  ["packages/codegen/test/probe.ts", "../../types/src/generated/catalogue.js", "not by a relative path"],
  ["packages/mock-server/test/fixtures/probe.ts", "../../../client/src/index.js", "not by a relative path"],
])("%s may not import %s", async (path, from, message) => {
  const messages = await lint(path, from);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain(message);
});

test.each([
  ["packages/client/src/probe.ts", "@org/statsig-console-types"],
  ["packages/client/src/probe.ts", "@org/statsig-console-types/quota-windows"],
  ["packages/mock-server/src/probe.ts", "@org/statsig-console-types"],
  ["packages/quota-redis/src/probe.ts", "@org/statsig-console-client"],
  ["packages/drift/src/probe.ts", "@org/statsig-console-client"],
  ["packages/contract-tests/src/probe.ts", "@org/statsig-console-mock"],
  ["packages/client/test/probe.ts", "../src/index.js"],
])("%s may import %s", async (path, from) => {
  expect(await lint(path, from)).toEqual([]);
});
