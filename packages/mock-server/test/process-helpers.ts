import { type ChildProcess, spawn } from "node:child_process";
import { GATE_PATHS, specSubset } from "./spec-subset.js";

export const headers = { "STATSIG-API-KEY": "console-test" };
/** Tests about the process start Prism on the gates' paths only; one test serves the whole overlaid spec. */
export const gatesSpec = specSubset(GATE_PATHS);

/**
 * Runs a fixture script (it imports the built package) and resolves with the URL it prints. `children` collects the
 * process, for the suite's afterEach to kill.
 */
export function runFixture(
  name: string,
  children: ChildProcess[],
): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [new URL(`./fixtures/${name}`, import.meta.url).pathname], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, MOCK_TEST_SPEC: gatesSpec },
  });
  children.push(child);
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /URL (\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) => reject(new Error(`fixture exited (${code}) before printing its URL:\n${output}`)));
  });
  return { child, url, output: () => output };
}

export const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

/** Polls until nothing listens at `url` any more; false if something still does after `attempts` tries. */
export async function goneEventually(url: string, attempts = 100): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const answered = await fetch(`${url}/console/v1/gates`, { headers, signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (!answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
