import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, expect, test } from "vitest";
import { holdPrismSuiteLock } from "../src/prism-suite-lock.js";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "prism-suite-lock-"));
  file = join(dir, "suites.lock");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("a second suite waits, saying so once, until the first releases the lock", async () => {
  const releaseFirst = await holdPrismSuiteLock("first", { file });

  const events: string[] = [];
  const second = holdPrismSuiteLock("second", { file, onWait: (line) => events.push(line) }).then((release) => {
    events.push("second holds");
    return release;
  });
  await new Promise((r) => setTimeout(r, 500));
  events.push("first releases");
  await releaseFirst();
  const releaseSecond = await second;

  expect(events).toEqual([
    expect.stringMatching(/^second: waiting for another Prism suite to finish \(lock .*suites\.lock\)$/),
    "first releases",
    "second holds",
  ]);
  await releaseSecond();
});

test("a holder killed mid-suite blocks the others only until its lock goes stale", async () => {
  const lockfilePath = createRequire(import.meta.url).resolve("proper-lockfile");
  const holder = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import lockfile from ${JSON.stringify(pathToFileURL(lockfilePath).href)};
       await lockfile.lock(${JSON.stringify(file)}, { stale: 2000, update: 600, realpath: false });
       console.log("locked");
       setInterval(() => {}, 1000);`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (chunk) => String(chunk).includes("locked") && resolve());
      holder.once("exit", (code) => reject(new Error(`the holder exited (${code}) before locking`)));
    });
    holder.kill("SIGKILL");
    const waits: string[] = [];
    const release = await holdPrismSuiteLock("after", { file, staleMs: 2000, onWait: (line) => waits.push(line) });
    expect(waits).toHaveLength(1);
    await release();
  } finally {
    holder.kill("SIGKILL");
  }
});
