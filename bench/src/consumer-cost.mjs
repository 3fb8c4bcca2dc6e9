// What a consumer pays: type-checking the same 20-operation program on ours, statsig@0.0.2 and a
// hand-written floor (skipLibCheck on and off), and importing the client cold against `node -e 0` and
// openapi-fetch alone. Every round runs each subject once, in turn, so that the machine's drift
// (other load, CPU frequency) lands on all of them alike; ratios are of the medians.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median, spread } from "./util.mjs";

const BENCH = fileURLToPath(new URL("../", import.meta.url));
const TSC = `${BENCH}node_modules/.bin/tsc`;

/** Children's CPU seconds so far (user + system), from /proc: spawnSync has reaped each child by then. */
function childrenCpuMs() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  // After the ") " the fields start at #3 (state); cutime and cstime are #16 and #17, in clock ticks (100 Hz).
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function runOnce(command, args) {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: BENCH, encoding: "utf8" });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return { wallMs, cpuMs: childrenCpuMs() - cpuBefore };
}

function interleave(subjects, rounds) {
  const runs = Object.fromEntries(subjects.map((s) => [s.name, []]));
  for (const s of subjects) runOnce(s.command, s.args); // warm the file cache
  for (let round = 0; round < rounds; round++) for (const s of subjects) runs[s.name].push(runOnce(s.command, s.args));
  return Object.fromEntries(
    subjects.map((s) => {
      const wall = runs[s.name].map((r) => r.wallMs);
      const cpu = runs[s.name].map((r) => r.cpuMs);
      return [
        s.name,
        {
          label: s.label,
          command: [s.command.replace(BENCH, "bench/"), ...s.args].join(" "),
          medianMs: median(wall),
          spreadMs: spread(wall),
          cpuMedianMs: median(cpu),
          runs: wall.length,
        },
      ];
    }),
  );
}

export function consumerTypecheck({ rounds = 7 } = {}) {
  const subjects = ["ours", "ours-import", "peer", "floor"].flatMap((name) =>
    [true, false].map((skip) => ({
      name: `${name}${skip ? "" : " (lib check)"}`,
      label: `tsc, ${name === "ours-import" ? "no calls" : "20 operations"}, ${name}, skipLibCheck ${skip ? "on" : "off"}`,
      command: TSC,
      args: ["-p", `typecheck/${name}`, "--skipLibCheck", String(skip)],
    })),
  );
  return interleave(subjects, rounds);
}

export function coldImport({ rounds = 21 } = {}) {
  const node = process.execPath;
  const importOf = (specifier) => ["--input-type=module", "-e", `await import(${JSON.stringify(specifier)})`];
  return interleave(
    [
      { name: "node -e 0", label: "node -e 0", command: node, args: ["-e", "0"] },
      { name: "openapi-fetch", label: "import openapi-fetch", command: node, args: importOf("openapi-fetch") },
      {
        name: "ours",
        label: "import @org/statsig-console-client",
        command: node,
        args: importOf("@org/statsig-console-client"),
      },
    ],
    rounds,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const show = (results, base) =>
    Object.entries(results)
      .map(([name, r]) => {
        const ratio = base ? ` ${(r.medianMs / results[base].medianMs).toFixed(2)}x wall` : "";
        return `${name.padEnd(20)} wall ${r.medianMs.toFixed(0)} ms cpu ${r.cpuMedianMs.toFixed(0)} ms${ratio}`;
      })
      .join("\n");
  if (!process.argv.includes("--import-only")) console.log(show(consumerTypecheck()));
  console.log(show(coldImport(), "node -e 0"));
}
