import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";

// The script the mutation workflow ends with, run as the workflow runs it, on reports in StrykerJS's JSON shape.
const run = promisify(execFile);
const script = new URL("../../../scripts/mutation-score.mjs", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "mutation-score-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const report = (statuses: string[]) => ({
  schemaVersion: "2",
  files: {
    "src/a.ts": { language: "typescript", source: "", mutants: statuses.map((status, i) => ({ id: `${i}`, status })) },
  },
});

test("killed and timed-out mutants over those plus survived and uncovered; ignored and invalid ones left out", async () => {
  const file = join(scratch, "a.json");
  writeFileSync(
    file,
    JSON.stringify(report(["Killed", "Killed", "Timeout", "Survived", "NoCoverage", "Ignored", "CompileError"])),
  );
  const { stdout } = await run(process.execPath, [
    script,
    `client=${file}`,
    `codegen=${join(scratch, "missing.json")}`,
  ]);
  expect(stdout.trim().split("\n")).toEqual([
    "- client: mutation score 60.0% (3 detected, 2 survived or not covered)",
    `- codegen: no report (${join(scratch, "missing.json")}): the run did not finish`,
  ]);
});

test("without arguments: the usage, exit 2", async () => {
  const failure = await run(process.execPath, [script]).catch((error: { code: number; stderr: string }) => error);
  expect(failure).toMatchObject({ code: 2 });
  expect((failure as { stderr: string }).stderr).toMatch(/^usage: /);
});
