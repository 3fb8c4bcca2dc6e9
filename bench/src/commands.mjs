// Wall time of whole commands (generation, type-checks, the contract suite), repeated; median and spread.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median, spread } from "./util.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BENCH = fileURLToPath(new URL("../", import.meta.url));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", SCARF_ANALYTICS: "false", FORCE_COLOR: "0" };

function timeOnce(command, args, cwd) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return { ms, stdout: result.stdout };
}

export function timeCommand(label, command, args, { cwd = ROOT, repeat = 3, before } = {}) {
  const runs = [];
  let stdout = "";
  for (let i = 0; i < repeat; i++) {
    before?.();
    const run = timeOnce(command, args, cwd);
    runs.push(run.ms);
    stdout = run.stdout;
  }
  return {
    label,
    command: [command.replace(ROOT, ""), ...args].join(" "),
    cwd: cwd === ROOT ? "." : cwd.replace(ROOT, ""),
    medianMs: median(runs),
    spreadMs: spread(runs),
    runs: runs.length,
    stdout,
  };
}

export function generation() {
  const tsc = `${BENCH}node_modules/.bin/openapi-typescript`;
  return {
    cold: timeCommand("cold `pnpm generate` (turbo cache bypassed: builds the generator, runs it)", "pnpm", [
      "generate",
      "--force",
    ]),
    cached: timeCommand("`pnpm generate` again, unchanged inputs (turbo cache hit)", "pnpm", ["generate"], {
      repeat: 5,
    }),
    floor: timeCommand("openapi-typescript CLI alone on the overlaid spec (floor)", tsc, [
      "packages/mock-server/src/generated/openapi.json",
      "-o",
      "/tmp/bench-openapi-typescript.ts",
    ]),
  };
}

export function typecheck() {
  const tsc = `${BENCH}node_modules/.bin/tsc`;
  return Object.fromEntries(
    ["ours", "peer", "floor"].map((name) => [
      name,
      timeCommand(`tsc --noEmit, 20 operations (${name})`, tsc, ["-p", `typecheck/${name}`], { cwd: BENCH, repeat: 5 }),
    ]),
  );
}

export function contract() {
  return timeCommand(
    "contract suite, both Prism starts included",
    "pnpm",
    ["--filter", "@org/statsig-console-contract-tests", "test"],
    { repeat: 2 },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { stdout: _s, ...g } = generation().cached;
  console.log(g);
}
