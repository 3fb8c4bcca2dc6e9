import { closeSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";

export interface PrismSuiteLockOptions {
  /** The file the lock is taken on. Default: one per machine in the temporary folder, shared by every checkout. */
  file?: string;
  /** A holder that stops refreshing the lock (killed, hung) loses it after this long. Default 30 000 ms. */
  staleMs?: number;
  /** Told once, in one line, when another suite holds the lock and this one waits. */
  onWait?: (line: string) => void;
}

/**
 * Runs the suites that start Prism one at a time, whichever process started them: turbo's tasks, and the
 * contract suite the spec flow runs inside a scratch copy of the repository. On 2 cores, Prism suites side by
 * side only make each other slow enough to time out. turbo 2 has no per-task concurrency limit, and ordering the
 * suites with `dependsOn` made one failure hide every later suite and `--filter` run the whole chain.
 * Resolves with the function that releases the lock (call it once the suite is done).
 */
export async function holdPrismSuiteLock(
  name: string,
  options: PrismSuiteLockOptions = {},
): Promise<() => Promise<void>> {
  const file = options.file ?? join(tmpdir(), "statsig-console-prism-suites.lock");
  closeSync(openSync(file, "a")); // proper-lockfile locks an existing file (through a sibling `.lock` folder)
  const staleMs = options.staleMs ?? 30_000;
  const settings = { stale: staleMs, update: Math.floor(staleMs / 3), realpath: false, onCompromised };
  try {
    return await lockfile.lock(file, { ...settings, retries: 0 });
  } catch (error) {
    if ((error as { code?: string }).code !== "ELOCKED") throw error;
    options.onWait?.(`${name}: waiting for another Prism suite to finish (lock ${file})`);
    return lockfile.lock(file, { ...settings, retries: { forever: true, minTimeout: 100, maxTimeout: 1_000 } });
  }
}

/**
 * proper-lockfile's default throws from a timer, which would crash the test run. A lost lock only means another
 * suite may now run beside this one: slower, not wrong.
 */
function onCompromised(error: Error): void {
  console.warn(`Prism suite lock lost (${error.message}): another suite may run alongside`);
}
