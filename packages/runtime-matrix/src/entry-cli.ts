/** Node, Bun and Deno: `<runtime> cli.js '<urls as JSON>'` prints the report as one JSON line. */
import { runScenarios, type Urls } from "./scenarios.js";

const runtime = globalThis as { Deno?: { args: string[] }; process?: { argv: string[] } };
const args = runtime.Deno?.args ?? runtime.process?.argv.slice(2) ?? [];
console.log(JSON.stringify(await runScenarios(JSON.parse(args[0] ?? "null") as Urls)));
