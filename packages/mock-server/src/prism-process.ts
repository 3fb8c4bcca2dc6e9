/**
 * The process `startPrism` spawns: Prism's CLI runs in it, and it exits as soon as the pipe from its parent
 * closes. A pipe closes however the parent ends (stop(), a normal exit, a crash, SIGKILL), so Prism never
 * outlives the process that started it, and the parent needs no signal handlers of its own.
 *
 * argv: <prism's CLI entry> <prism arguments...>
 */
import { pathToFileURL } from "node:url";

process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: prism-process <prism cli entry> <arguments...>");
  process.exit(2);
}
// Prism's CLI (yargs) reads process.argv as if it had been started directly.
process.argv = [process.argv[0] as string, entry, ...args];
await import(pathToFileURL(entry).href);
