import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProgress } from "../src/progress.js";
import { type ApiServer, startApiServer } from "./api-server.js";
import { plantDrift } from "./drifted-api.js";

// The built bin, as `pnpm drift` and consumers run it.
const bin = new URL("../dist/cli.js", import.meta.url).pathname;
const KEY = "console-drift-cli-key-0b9e44";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function drift(args: string[], env: Record<string, string> = { STATSIG_CONSOLE_API_KEY: KEY }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

let server: ApiServer;
let scratch: string;
beforeAll(async () => {
  server = await startApiServer({ key: KEY, plant: plantDrift });
  scratch = await mkdtemp(join(tmpdir(), "drift-cli-"));
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

const walkArgs = (out: string) => [
  "--base-url",
  server.url,
  "--out",
  join(scratch, out),
  "--operations",
  plantDrift.operations.join(","),
  "--max-items",
  "2",
  "--max-pages",
  "2",
];

describe("statsig-console-drift", () => {
  test("new drift: exit 1, one summary line on stderr (not a terminal), the three files, the key nowhere", async () => {
    const run = await drift(walkArgs("first"));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^drift: (\d+)\/\1 operations, (\d+)\/\2 items, \d+ requests \(\d+ failed\), 8 findings \(8 new\)\n$/,
    );
    const files = (await readdir(join(scratch, "first"))).sort();
    expect(files).toEqual(["drift-overlay.yaml", "drift-report.json", "drift-report.md"]);
    const written = await Promise.all(files.map((f) => readFile(join(scratch, "first", f), "utf8")));
    for (const text of [run.stdout, run.stderr, ...written]) expect(text).not.toContain(KEY);
    expect(server.mutations()).toBe(0);
  });

  test("the same drift against its own report as --baseline: exit 0", async () => {
    const run = await drift([...walkArgs("second"), "--baseline", join(scratch, "first", "drift-report.json")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/8 findings \(0 new\)\n$/);
  });

  test("could not run: exit 2 with one line saying why", async () => {
    const noKey = await drift(["--out", join(scratch, "x")], {});
    expect(noKey.code).toBe(2);
    expect(noKey.stderr.split("\n")[0]).toBe("statsig-console-drift: STATSIG_CONSOLE_API_KEY is not set");

    const badOption = await drift(["--out", join(scratch, "x"), "--max-itmes", "2"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr.split("\n")[0]).toMatch(/^statsig-console-drift: Unknown option '--max-itmes'/);

    const badNumber = await drift(["--out", join(scratch, "x"), "--concurrency", "two"]);
    expect(badNumber.stderr.split("\n")[0]).toBe("statsig-console-drift: --concurrency must be a whole number >= 1");

    const closed = await startApiServer({ key: KEY });
    await closed.close();
    const unreachable = await drift([
      "--base-url",
      closed.url,
      "--out",
      join(scratch, "x"),
      "--operations",
      "/console/v1/gates",
    ]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/\nstatsig-console-drift: cannot reach the API: .+\n$/);
    expect(unreachable.stderr).not.toContain(KEY);
  });
});

describe("progress", () => {
  const stream = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { isTTY, chunks, write: (text: string) => chunks.push(text) };
  };
  const step = { operationsDone: 1, operationsKnown: 3, itemsDone: 2, itemsKnown: 5 };
  const result = { exitCode: 0 as const, requests: 9, failed: 1 };

  test("on a terminal: one line rewritten in place, cleared before the summary", () => {
    const tty = stream(true);
    const progress = createProgress(tty);
    progress.update(step);
    progress.done(result);
    expect(tty.chunks).toEqual([
      "\rdrift: 1/3 operations, 2/5 items\u001b[K",
      "\r\u001b[K",
      "drift: 1/3 operations, 2/5 items, 9 requests (1 failed)\n",
    ]);
  });

  test("elsewhere: the summary line alone", () => {
    const log = stream(false);
    const progress = createProgress(log);
    progress.update(step);
    progress.done(result);
    expect(log.chunks).toEqual(["drift: 1/3 operations, 2/5 items, 9 requests (1 failed)\n"]);
  });
});
