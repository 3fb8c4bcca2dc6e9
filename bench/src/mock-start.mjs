// What the stateful mock costs against the stateless one: time until it answers, memory of its processes, and
// what it adds to an install. Paired rounds: stateless and stateful starts alternate, so the machine's noise hits both.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism } from "@org/statsig-console-mock";
import { median, spread } from "./util.mjs";

const KEY = { "STATSIG-API-KEY": "console-bench" };

/** Resident memory (kB) of this process's child processes: the Prism launchers and Prism itself. */
function childrenRssKb() {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== process.pid) continue;
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {}
  }
  return total;
}

async function startOnce(stateful) {
  const started = performance.now();
  const mock = stateful ? await startPrism({ stateful: true }) : await startPrism();
  const readyMs = performance.now() - started;
  // The first answer of a read, then (stateful) a create read back: what a test waits for before its first assertion.
  const first = await fetch(`${mock.url}/console/v1/gates/a_gate`, { headers: KEY });
  await first.arrayBuffer();
  const firstAnswerMs = performance.now() - started;
  const rssKb = childrenRssKb();
  const inProcessRssKb = Math.round(process.memoryUsage().rss / 1024);
  await mock.stop();
  return { readyMs, firstAnswerMs, rssKb, inProcessRssKb };
}

function dirBytes(dir, keep = () => true) {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const file = join(dir, entry);
    const stat = statSync(file);
    if (stat.isFile() && keep(entry)) total += stat.size;
  }
  return total;
}

export async function mockStart({ rounds }) {
  const runs = { stateless: [], stateful: [] };
  // One start each first, unmeasured: the first Prism start pays for the disk cache.
  await startOnce(false);
  await startOnce(true);
  for (let round = 0; round < rounds; round++) {
    for (const stateful of round % 2 === 0 ? [false, true] : [true, false]) {
      runs[stateful ? "stateful" : "stateless"].push(await startOnce(stateful));
    }
  }
  const summary = (list) => ({
    readyMs: median(list.map((r) => r.readyMs)),
    readySpreadMs: spread(list.map((r) => r.readyMs)),
    firstAnswerMs: median(list.map((r) => r.firstAnswerMs)),
    childRssMb: median(list.map((r) => r.rssKb)) / 1024,
    runs: list.length,
  });
  // The mock's own files: what stateful mode adds is code in dist/ (its dependencies are the stateless mode's plus
  // the types package, which the client already brings).
  const dist = fileURLToPath(new URL("../../packages/mock-server/dist/", import.meta.url));
  const statefulOnly =
    /^(console-fake|fault-front|stateful-mock|control-routes|quota-gate|part-ops|path-templates|cli)\.js$|^generated\//;
  return {
    stateless: summary(runs.stateless),
    stateful: summary(runs.stateful),
    distBytes: dirBytes(dist, (entry) => entry.endsWith(".js") || entry.endsWith(".json")),
    statefulDistBytes: dirBytes(dist, (entry) => entry.endsWith(".js") && statefulOnly.test(entry)),
  };
}
