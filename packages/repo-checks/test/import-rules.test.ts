import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";

// The layering of ARCHITECTURE.md as the lint enforces it: the repository's own biome.json, run on probe files placed
// where each package's code lives, in a scratch folder (no file of the repository is touched).
const run = promisify(execFile);
const root = new URL("../../../", import.meta.url).pathname;
const biome = join(root, "node_modules/.bin/biome");
const scratch = mkdtempSync(join(tmpdir(), "import-rules-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8")) as Record<string, unknown>;
writeFileSync(join(scratch, "biome.json"), JSON.stringify({ ...config, vcs: { enabled: false }, files: undefined }));

const FORBIDDEN = [
  ["packages/types/src/probe.ts", "@org/statsig-console-client", "types is the bottom layer"],
  ["packages/client/src/probe.ts", "@org/statsig-console-mock", "the client imports only the types"],
  ["packages/client/src/probe.ts", "@org/statsig-console-quota-redis", "the client imports only the types"],
  ["packages/mock-server/src/probe.ts", "@org/statsig-console-client", "importing the client would be a cycle"],
  ["packages/codegen/src/probe.ts", "@org/statsig-console-types", "codegen is where the flow starts"],
  ["packages/quota-redis/src/probe.ts", "@org/statsig-console-mock", "the Redis store imports only the client"],
  ["packages/drift/src/probe.ts", "@org/statsig-console-mock", "drift imports only the client and the types"],
  ["packages/codegen/test/probe.ts", "../../types/src/generated/catalogue.js", "not by a relative path"],
  ["packages/mock-server/test/fixtures/probe.ts", "../../../client/src/index.js", "not by a relative path"],
] as const;
const ALLOWED = [
  ["packages/client/src/probe.ts", "@org/statsig-console-types"],
  ["packages/client/src/probe.ts", "@org/statsig-console-types/quota-windows"],
  ["packages/mock-server/src/probe.ts", "@org/statsig-console-types"],
  ["packages/quota-redis/src/probe.ts", "@org/statsig-console-client"],
  ["packages/drift/src/probe.ts", "@org/statsig-console-client"],
  ["packages/contract-tests/src/probe.ts", "@org/statsig-console-mock"],
  ["packages/client/test/probe.ts", "../src/index.js"],
] as const;

/** Every probe file (one import each, numbered so two probes in one folder do not collide) linted in one run. */
const probes = [...FORBIDDEN, ...ALLOWED].map(([path, from], i) => ({
  file: path.replace(/probe\.ts$/, `probe${i}.ts`),
  from,
}));
let messages: Map<string, string[]>;
beforeAll(async () => {
  for (const { file, from } of probes) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    writeFileSync(join(scratch, file), `import * as probe from "${from}";\nexport const used = probe;\n`);
  }
  const outcome = await run(biome, ["lint", "--max-diagnostics=none", "."], { cwd: scratch }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  const text = `${outcome.stdout}${outcome.stderr}`;
  messages = new Map();
  for (const m of text.matchAll(/(\S+probe\d+\.ts):\d+:\d+ lint\/style\/noRestrictedImports[\s\S]*?× ([^\n]+)/g)) {
    messages.set(m[1] as string, [...(messages.get(m[1] as string) ?? []), m[2] as string]);
  }
});
const lint = (path: string, from: string) => {
  const probe = probes.find((p) => p.file.replace(/probe\d+\.ts$/, "probe.ts") === path && p.from === from);
  return messages.get(probe?.file as string) ?? [];
};

test.each(FORBIDDEN)("%s may not import %s", async (path, from, message) => {
  const messages = lint(path, from);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toContain(message);
});

test.each(ALLOWED)("%s may import %s", async (path, from) => {
  expect(lint(path, from)).toEqual([]);
});
