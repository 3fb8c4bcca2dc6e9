import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Starts server.mjs in a child process; resolves with its URL and a stop() that waits for the exit. */
export function startServerProcess(windows) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./server.mjs", import.meta.url)), ...(windows ? [JSON.stringify(windows)] : [])],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  // Killed with the bench if it ends first; the listener goes with the child, so servers started one after another
  // do not pile listeners on the process.
  const killChild = () => child.kill("SIGKILL");
  process.once("exit", killChild);
  child.once("exit", () => process.off("exit", killChild));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (chunk) => {
      const url = `http://127.0.0.1:${String(chunk).trim()}`;
      resolve({
        url,
        stats: () => fetch(`${url}/__stats`).then((r) => r.json()),
        stop: () =>
          new Promise((done) => {
            child.once("exit", done);
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

export const median = (xs) => quantile(xs, 0.5);
export function quantile(xs, q) {
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
export const spread = (xs) => [Math.min(...xs), Math.max(...xs)];
export const fmt = (n, digits = 1) => Number(n).toFixed(digits);
