// `pnpm bench`: runs every measurement in one process, writes results.json and BENCHMARKS.md from them.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { bundleSizes } from "./bundle-size.mjs";
import { contract, generation } from "./commands.mjs";
import { coldImport, consumerTypecheck } from "./consumer-cost.mjs";
import { mockStart } from "./mock-start.mjs";
import { mutationScores } from "./mutation.mjs";
import { overhead } from "./overhead.mjs";
import { quota, WINDOWS } from "./quota.mjs";
import { sharedQuota } from "./shared-quota.mjs";
import { fmt } from "./util.mjs";

const quick = process.argv.includes("--quick");
const resultsFile = new URL("../results.json", import.meta.url);
// The run before this one, for side-by-side figures (a fresh run replaces results.json).
const previous = (() => {
  try {
    return JSON.parse(readFileSync(resultsFile, "utf8"));
  } catch {
    return undefined;
  }
})();
// --report-only rewrites BENCHMARKS.md from the last results.json without measuring again.
const results = process.argv.includes("--report-only")
  ? JSON.parse(readFileSync(resultsFile, "utf8"))
  : await measureAll();
const {
  machine,
  get,
  post,
  sizes,
  quota: limits,
  sharedQuota: shared,
  generation: gen,
  typecheck: types,
  coldImport: cold,
  contract: suite,
  mockStart: mocks,
} = results;
// Read at report time (a run of StrykerJS takes longer than the bench), and kept in results.json.
const mutation = mutationScores(results.mutation ?? previous?.mutation);
results.mutation = mutation;
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

async function measureAll() {
  const started = Date.now();
  const step = (name) => console.log(`[bench] ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
  step("per-request overhead, GET");
  const get = await overhead({ kind: "get", requests: quick ? 2_000 : 10_000, rounds: quick ? 2 : 5, warmup: 1_000 });
  step("per-request overhead, POST");
  const post = await overhead({ kind: "post", requests: quick ? 1_000 : 5_000, rounds: quick ? 2 : 3, warmup: 500 });
  step("bundle sizes");
  const sizes = await bundleSizes();
  step("quota efficiency");
  const limits = await quota({ n: 60, rounds: quick ? 1 : 3 });
  step("shared quota across processes (redis-server)");
  const shared = await sharedQuota({ rounds: quick ? 1 : 2 });
  step("generation");
  const gen = generation();
  step("consumer type-check");
  const types = consumerTypecheck({ rounds: quick ? 3 : 7 });
  step("cold import");
  const cold = coldImport({ rounds: quick ? 7 : 21 });
  step("contract suite");
  const suite = contract();
  step("stateful mock against stateless: start and footprint");
  const mocks = await mockStart({ rounds: quick ? 3 : 9 });
  step("done");
  const machine = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  const strip = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { ...v, stdout: undefined }]));
  const all = {
    machine,
    get,
    post,
    sizes,
    quota: limits,
    sharedQuota: shared,
    previousRun: previous
      ? {
          date: previous.machine?.date,
          getOursLatencyRatio: previous.get?.summary?.ours?.latencyRatio,
          rawGetMs: previous.get?.summary?.["raw fetch"]?.medianMs,
          bundleOursGzip: previous.sizes?.ours?.gzip,
          typecheckOursMs: previous.typecheck?.ours?.medianMs,
          typecheckPeerMs: previous.typecheck?.peer?.medianMs,
        }
      : undefined,
    generation: strip(gen),
    typecheck: types,
    coldImport: cold,
    contract: { ...suite, stdout: undefined },
    mockStart: mocks,
  };
  writeFileSync(resultsFile, `${JSON.stringify(all, null, 2)}\n`);
  return all;
}

const us = (ms) => `${fmt(ms * 1000, 0)} µs`;
const sec = (ms) => `${fmt(ms / 1000, 2)} s`;
const ms = (value) => `${Math.round(value)} ms`;
const range = ([a, b], f) => `${f(a)}–${f(b)}`;
const verdict = (ok) => (ok ? "met" : "**missed**");
/** Ratio of two type-check subjects' wall-clock medians, two decimals. */
const tc = (a, b) => Number(fmt(types[a].medianMs / types[b].medianMs, 2));
/** Cold import of a subject against `node -e 0`. */
const ci = (name) => Number(fmt(cold[name].medianMs / cold["node -e 0"].medianMs, 2));
const overheadTable = (run) =>
  [
    "| client | median latency (spread of round medians) | p99 | requests/s | latency vs raw fetch (spread) |",
    "| --- | --- | --- | --- | --- |",
    ...Object.entries(run.summary).map(
      ([name, s]) =>
        `| ${name} | ${us(s.medianMs)} (${range(s.medianSpread, us)}) | ${us(s.p99Ms)} | ${fmt(s.rps, 0)} | ${fmt(s.latencyRatio, 3)}x (${range(s.latencyRatioSpread, (x) => fmt(x, 3))}) |`,
    ),
  ].join("\n");
// Two honest readings of a noisy run: the median of per-round paired ratios, and the ratio of the overall medians.
// The verdict takes the worse of the two.
const ratioOfMedians = (name) => get.summary[name].medianMs / get.summary["raw fetch"].medianMs;
const oursGet = Math.max(get.summary.ours.latencyRatio, ratioOfMedians("ours"));
const bareGet = Math.max(get.summary["openapi-fetch"].latencyRatio, ratioOfMedians("openapi-fetch"));
const p99Ratio = (run, name) => run.summary[name].p99Ms / run.summary["raw fetch"].p99Ms;
const noTimeoutGet = Math.max(get.summary["ours, timeoutMs 0"].latencyRatio, ratioOfMedians("ours, timeoutMs 0"));
const rawTimedGet = Math.max(get.summary["raw fetch + timeout"].latencyRatio, ratioOfMedians("raw fetch + timeout"));
const floorGet = Math.max(
  get.summary["openapi-fetch + timeout"].latencyRatio,
  ratioOfMedians("openapi-fetch + timeout"),
);
const q = limits.rounds;
const minEfficiency = Math.min(...q.map((r) => r.efficiency));
const total429 = q.reduce((n, r) => n + r.rejected, 0);
const gz = (name) => sizes[name].gzip;
const before = results.previousRun;
const sharedRedis = shared.modes.redis;
const sharedMemory = shared.modes.memory;
const sharedMinEfficiency = Math.min(...sharedRedis.map((r) => r.efficiency));
const shared429 = sharedRedis.reduce((n, r) => n + r.rejected, 0);

const md = `# Benchmarks

Generated by \`pnpm bench\` (bench/src/run-all.mjs) on ${machine.date.slice(0, 10)}; the raw numbers are in
\`bench/results.json\`. Machine: ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}.
The whole run took ${machine.totalSeconds} s. Every comparison ran in the same process against the same loopback
server (its own process, keep-alive), the clients taking turns in batches of ${get.batch} requests within each round, in a fresh
random order each turn; medians of the rounds, with their spread.
This machine is shared and noisy: spreads of ±10% between rounds are normal.${
  before?.rawGetMs
    ? ` Raw fetch's median GET took ${us(get.summary["raw fetch"].medianMs)} in this run and ${us(before.rawGetMs)} in the previous one: absolute times
(generation, type-check, contract suite) move with the machine; ratios are paired within the run.`
    : ""
}

## Summary

| goal | result | |
| --- | --- | --- |
| GET, ours vs raw fetch: <= 1.20x by the median, <= 1.25x by the mean, p99 <= 2x | median ${fmt(oursGet, 3)}x, mean ${fmt(get.summary.ours.timeRatio, 3)}x, p99 ${fmt(p99Ratio(get, "ours"), 2)}x (bare openapi-fetch: ${fmt(bareGet, 3)}x, ${fmt(get.summary["openapi-fetch"].timeRatio, 3)}x, ${fmt(p99Ratio(get, "openapi-fetch"), 2)}x) | ${verdict(oursGet <= 1.2)} / ${verdict(get.summary.ours.timeRatio <= 1.25)} / ${verdict(p99Ratio(get, "ours") <= 2)} |
| POST, ours below statsig@0.0.2 by the median and by the mean | median ${fmt(post.summary.ours.latencyRatio, 3)}x raw fetch vs ${fmt(post.summary["statsig@0.0.2"].latencyRatio, 3)}x; mean ${fmt(post.summary.ours.timeRatio, 3)}x vs ${fmt(post.summary["statsig@0.0.2"].timeRatio, 3)}x | ${verdict(post.summary.ours.latencyRatio < post.summary["statsig@0.0.2"].latencyRatio)} / ${verdict(post.summary.ours.timeRatio < post.summary["statsig@0.0.2"].timeRatio)} |
| middleware < 5% on top of bare openapi-fetch | ${fmt((oursGet / bareGet - 1) * 100, 1)}% | ${verdict(oursGet / bareGet < 1.05)} |
| bundle, one-call browser app, ours <= 8 KB gzipped | ${gz("ours")} B | ${verdict(gz("ours") <= 8192)} |
| quota efficiency >= 0.95 of ideal, 0 429s | min ${fmt(minEfficiency, 3)}, ${total429} 429s | ${verdict(minEfficiency >= 0.95 && total429 === 0)} |
| cold generate <= 3 s, cached <= 1 s | ${sec(gen.cold.medianMs)}, ${sec(gen.cached.medianMs)} | ${verdict(gen.cold.medianMs <= 3000 && gen.cached.medianMs <= 1000)} |
| consumer type-check, skipLibCheck on: ours <= 0.8x statsig@0.0.2 and <= 1.3x the floor | ${tc("ours", "peer")}x the peer, ${tc("ours", "floor")}x the floor | ${verdict(tc("ours", "peer") <= 0.8)} / ${verdict(tc("ours", "floor") <= 1.3)} |
| consumer type-check, skipLibCheck off: ours <= 0.6x statsig@0.0.2 | ${tc("ours (lib check)", "peer (lib check)")}x the peer (${tc("ours (lib check)", "floor (lib check)")}x the floor) | ${verdict(tc("ours (lib check)", "peer (lib check)") <= 0.6)} |
| cold import of the client <= 1.15x \`node -e 0\` | ${ci("ours")}x (openapi-fetch alone ${ci("openapi-fetch")}x) | ${verdict(ci("ours") <= 1.15)} |
| contract suite <= 60 s | ${sec(suite.medianMs)} | ${verdict(suite.medianMs <= 60_000)} |
| 4 processes sharing the Redis quota store: 0 429s, >= 0.9 of ideal | min ${fmt(sharedMinEfficiency, 3)}, ${shared429} 429s (memory limiters: ${sharedMemory.map((r) => r.rejected).join(", ")} 429s) | ${verdict(sharedMinEfficiency >= 0.9 && shared429 === 0)} |
| client mutation score (StrykerJS) >= 74.9%, the last measured before issue 21 | ${mutation.client ? `${fmt(mutation.client.score, 1)}%` : "not run"} (codegen: ${mutation.codegen ? `${fmt(mutation.codegen.score, 1)}%` : "not run"}) | ${verdict((mutation.client?.score ?? 0) >= 74.9)} |
| ${shared.crowded.processes} processes sharing the Redis quota store: 429s reported | ${shared.crowded.rejected} 429s, ${fmt(shared.crowded.efficiency, 3)} of ideal | ${verdict(shared.crowded.rejected === 0)} |
| Redis restarted empty mid-run (4 processes): 429s reported | ${shared.restarted.rejected} 429s, ${shared.restarted.failed} calls failed, ${fmt(shared.restarted.efficiency, 3)} of ideal | ${verdict(shared.restarted.rejected === 0)} |
${
  before
    ? `
Previous run (${String(before.date).slice(0, 10)}), same machine kind: GET overhead ${fmt(before.getOursLatencyRatio, 3)}x raw fetch (paired), bundle ${before.bundleOursGzip} B, consumer type-check ${sec(before.typecheckOursMs)} (peer ${sec(before.typecheckPeerMs)}; skipLibCheck on).
`
    : ""
}

Where ours misses, and why:
${
  oursGet <= 1.2 && get.summary.ours.timeRatio <= 1.25
    ? ""
    : `- GET overhead: ${fmt(oursGet, 3)}x raw fetch by the median (goal 1.20x), ${fmt(get.summary.ours.timeRatio, 3)}x by the mean (goal 1.25x), p99 ${fmt(p99Ratio(get, "ours"), 2)}x (goal 2x).
  Where the goal sits, from this run's own rows (median; mean in brackets): raw fetch with a per-request controller
  and 30 s timer measured ${fmt(rawTimedGet, 3)}x (${fmt(get.summary["raw fetch + timeout"].timeRatio, 3)}x), so a timed request costs the platform
  ${fmt((rawTimedGet - 1) * 100, 0)}% by itself; bare openapi-fetch ${fmt(bareGet, 3)}x (${fmt(get.summary["openapi-fetch"].timeRatio, 3)}x); the two together (bare
  openapi-fetch timing each request, the floor of any client on openapi-fetch with a per-request timeout) ${fmt(floorGet, 3)}x
  (${fmt(get.summary["openapi-fetch + timeout"].timeRatio, 3)}x). ${
    floorGet > 1.2
      ? "So in this run the floor itself is over 1.20x by the median: no client on openapi-fetch that times each request meets the goal here."
      : `So 1.20x by the median leaves ${fmt((1.2 - floorGet) * 100, 0)} points over that floor for the retry loop, the
  quota lookup, the origin guard and reading the body once under the timeout.`
  } Ours is ${fmt((oursGet - floorGet) * 100, 0)} points over the floor (ours with \`timeoutMs: 0\` ${fmt(noTimeoutGet, 3)}x). Cuts tried and measured (sessions 10–12, two builds taking turns in one
  process): the attempt's result built field by field, a first hop sent with fewer init fields (0.85x–1.08x of the
  build before, within the noise; not kept); a call sent from what openapi-fetch planned, through its per-call
  \`Request\` option, so the platform builds one Request a request as with raw fetch (0.86x–1.00x of ours' median in five
  paired runs; 244–386 B more gzipped, over the 8 KB budget; not kept). With a fetch that answers at once (no network),
  a call of ours costs about 55 µs of CPU against 25 µs for bare openapi-fetch; AbortSignal creation alone (Node 20
  makes every signal transferable) is 18% of ours in a CPU profile, and openapi-fetch's Request, fetch's copy of it
  and the timer's controller make one each.
`
}${
  tc("ours", "peer") <= 0.8 && tc("ours", "floor") <= 1.3 && tc("ours (lib check)", "peer (lib check)") <= 0.6
    ? ""
    : "- Consumer type-check: see section 5 for where the time goes.\n"
}

## 1. Per-request overhead

\`node bench/src/run-all.mjs\` (overhead.mjs): ${get.requests} sequential \`GET /console/v1/gates\` per client per round,
${get.rounds} rounds, ${get.warmup} warm-up requests each; small JSON body (one gate). "ours" has every middleware on:
auth headers, retries (max 2), a 30 s per-attempt timeout, the quota limiter (windows too wide to bind).
"ours, timeoutMs 0" is the same client without the per-attempt timeout.
"raw fetch + timeout" is raw fetch with a per-request AbortController and a 30 s timer cleared once the body is read (what
a timed request costs the platform); "openapi-fetch + timeout" is bare openapi-fetch with the same, the signal given to fetch only (as ours gives it). "ours, drift reporter" is "ours" with
\`validateResponses: driftReporter(...)\` (@org/statsig-console-drift/reporter): every answer cloned, parsed again and
checked against the spec by the generated validators, after the call has its answer.

${overheadTable(get)}

Mutation: ${post.requests} sequential \`POST /console/v1/gates\` (JSON body) per client per round, ${post.rounds} rounds; ours takes a
quota slot for every request (limiter on, not binding).

${overheadTable(post)}

The drift reporter, on against off: ${fmt(get.summary["ours, drift reporter"].medianMs / get.summary.ours.medianMs, 3)}x ours' median GET
(${us(get.summary["ours, drift reporter"].medianMs - get.summary.ours.medianMs)} more a call), ${fmt(post.summary["ours, drift reporter"].medianMs / post.summary.ours.medianMs, 3)}x for POST. It is opt-in, for CI and staging;
its check runs off the call's path but on the same event loop, so sequential calls see its cost.

Ours without the per-attempt timeout (\`timeoutMs: 0\`): ${fmt(noTimeoutGet, 3)}x raw fetch for GET (worse of paired median and ratio of medians). For mutations ours
costs about what bare openapi-fetch does (${fmt(post.summary.ours.latencyRatio, 3)}x vs ${fmt(post.summary["openapi-fetch"].latencyRatio, 3)}x raw fetch) while also taking a quota slot
and buffering the body for replay.

Where the time goes (measured with micro-benchmarks while building this): Node's fetch registers every request's
\`AbortSignal\` as a dependent signal, ~8 µs a request, and a per-attempt timeout needs one; \`AbortSignal.any\` +
\`AbortSignal.timeout\` cost 19 µs, so the client uses one controller and one timer instead, and hands fetch
openapi-fetch's own \`Request\` on the first attempt (fetch copies it, as it copies any Request it is given). The rest is
the retry and redirect loop. Against the real API (tens of ms per request) this is noise; \`timeoutMs: 0\` removes the timeout's
share where it matters.

statsig@0.0.2 validates every response with zod, and fails on what today's API sends: the last page of a list
(\`pagination.nextPage: null\` fails its schema, "Expected string, received null") and the 201 of
\`POST /console/v1/gates\` (SDKError "Unexpected API response status"). So that it can be measured at all, the bench
server sends empty strings for nextPage/previousPage and 200 for creations, to every client.

## 2. Bundle size

bundle-size.mjs: esbuild ${"0.25.12"}, \`--bundle --minify --format=esm --platform=browser\` of a one-call app (create the
client, \`GET /console/v1/gates\`); gzip level 9. \`pnpm test\` fails when ours exceeds 8.25 KB gzipped
(packages/client/test/bundle-size.test.ts; 8 KB, issue 21's goal, until session 12's review fixes took 195 B: credentials
other than the key kept from other origins, non-http(s) redirects refused, a stream's error body timed, typed errors
for options of the wrong type). "ours, drift reporter" is the same app opting in to the drift reporter: its
validators (every response of every operation, compiled ahead of time) are paid only by an app that imports
\`@org/statsig-console-drift/reporter\`; the \`validateResponses\` option itself is one line of the main entry
(13 B gzipped, measured by building the client with and without it: 7,143 B before, 7,156 B after).

| app | minified | gzipped |
| --- | --- | --- |
${Object.entries(sizes)
  .map(([name, s]) => `| ${name} | ${s.raw} B | ${s.gzip} B |`)
  .join("\n")}

## 3. Quota efficiency

quota.mjs: ${limits.n} mutations fired at once through one client whose limiter has the windows the server enforces:
${WINDOWS.map((w) => `${w.limit} per ${w.intervalMs / 1000} s`).join(" and ")} (the server counts rejected attempts too, like Statsig). Ideal = the
earliest schedule both windows allow.

| round | elapsed | ideal | efficiency (ideal / elapsed) | 429s |
| --- | --- | --- | --- | --- |
${q.map((r, i) => `| ${i + 1} | ${sec(r.elapsedMs)} | ${sec(r.idealMs)} | ${fmt(r.efficiency, 3)} | ${r.rejected} |`).join("\n")}

## 3b. Shared quota across processes

shared-quota.mjs: ${shared.processes} OS processes, each with its own client, fire ${shared.n} mutations at once (${shared.processes * shared.n} in all) at one
server enforcing ${shared.windows.map((w) => `${w.limit} per ${w.intervalMs / 1000} s`).join(" and ")}. "memory": each process's limiter in its own memory (each
believes it has the whole quota); "redis": every process on one \`@org/statsig-console-quota-redis\` store (a
redis-server the bench starts on loopback). Efficiency: ideal / the slowest process's own elapsed time.

| mode | round | elapsed (wall, process start-up included) | ideal | efficiency | 429s |
| --- | --- | --- | --- | --- | --- |
${["memory", "redis"]
  .flatMap((mode) =>
    shared.modes[mode].map(
      (r, i) =>
        `| ${mode} | ${i + 1} | ${sec(r.elapsedMs)} | ${sec(r.idealMs)} | ${mode === "redis" ? fmt(r.efficiency, 3) : "n/a (rejected)"} | ${r.rejected} |`,
    ),
  )
  .join("\n")}

${shared.crowded.processes} processes on the shared store, the same ${shared.processes * shared.n} mutations spread over them: ${sec(shared.crowded.elapsedMs)}, ideal ${sec(shared.crowded.idealMs)},
efficiency ${fmt(shared.crowded.efficiency, 3)}, ${shared.crowded.rejected} 429s.
Redis restarted empty mid-run (${shared.processes} processes; redis-server SIGKILLed at 600 ms and a fresh, empty one started on the same
port): ${sec(shared.restarted.elapsedMs)}, efficiency ${fmt(shared.restarted.efficiency, 3)}, ${shared.restarted.rejected} 429s, ${shared.restarted.failed} calls failed. Each process put its own
recent sends back into the new Redis before asking for another slot.

The Redis round trips' cost, one process, sequential mutations, windows that never bind: median latency
${fmt(shared.latencyMs.memory, 2)} ms with the memory limiter, ${fmt(shared.latencyMs.redis, 2)} ms with the Redis store (+${fmt(shared.latencyMs.redis - shared.latencyMs.memory, 2)} ms a mutation: one script
to take the slot; the give-back is not awaited).

## 4. Generation

${Object.values(gen)
  .map((g) => `- ${g.label}: **${sec(g.medianMs)}** (${range(g.spreadMs, sec)}, ${g.runs} runs) — \`${g.command}\``)
  .join("\n")}

## 5. Consumer type-check and cold import

consumer-cost.mjs: \`tsc -p bench/typecheck/<name> --skipLibCheck <on|off>\` (noEmit, strict) of a program calling the same
20 operations through our client, through statsig@0.0.2 (the peer) and through a hand-written 10-line fetch helper
with minimal types (the floor); ours-import only creates our client (what loading its declarations costs, without
the calls). The eight subjects run once each per round, in turn, ${types.ours.runs} rounds; wall-clock medians and the
children's CPU time (user + system, from /proc).

| program | skipLibCheck | wall (median) | spread | CPU (median) | vs peer | vs floor |
| --- | --- | --- | --- | --- | --- | --- |
${["ours", "ours-import", "peer", "floor"]
  .flatMap((name) => [name, `${name} (lib check)`])
  .map((key) => {
    const t = types[key];
    const lib = key.endsWith("(lib check)");
    const peer = lib ? "peer (lib check)" : "peer";
    const floor = lib ? "floor (lib check)" : "floor";
    return `| ${key.replace(" (lib check)", "")} | ${lib ? "off" : "on"} | ${sec(t.medianMs)} | ${range(t.spreadMs, sec)} | ${sec(t.cpuMedianMs)} | ${tc(key, peer)}x | ${tc(key, floor)}x |`;
  })
  .join("\n")}

What the goals leave room for, from this run: the floor alone is ${tc("floor", "peer")}x the peer with skipLibCheck on and
${tc("floor (lib check)", "peer (lib check)")}x with it off, so "ours <= 0.8x the peer" allows our declarations and calls
${ms(0.8 * types.peer.medianMs - types.floor.medianMs)} over the floor, and "<= 0.6x" with lib checking allows
${ms(0.6 * types["peer (lib check)"].medianMs - types["floor (lib check)"].medianMs)}. Ours spends
${ms(types["ours-import"].medianMs - types.floor.medianMs)} over the floor loading the declarations (ours-import) and
${ms(types.ours.medianMs - types["ours-import"].medianMs)} on the 20 calls (skipLibCheck on); with lib checking,
${ms(types["ours-import (lib check)"].medianMs - types["floor (lib check)"].medianMs)} and
${ms(types["ours (lib check)"].medianMs - types["ours-import (lib check)"].medianMs)}.

What got ours here (1.52 s, 1.27x the peer, with skipLibCheck on in session 2's run):
- The operation index holds openapi-typescript's own request and response types, copied out of \`operations\`, and
  needs only \`components\`: the client's declarations load \`components\` and the index
  (\`@org/statsig-console-types/operation-index\`), never \`paths\` and \`operations\`. A client consumer's
  declarations went from 25,379 lines (1.10 MB) to 15,585 lines (0.69 MB), TypeScript's symbols from 54k to 43k.
- The conditional types in the client's method signature are not distributive: with a bare type parameter TypeScript
  expanded them over every operation of the method on the first call (about 2,000 types and 0.1 s).
- \`ListPath\`/\`PaginatedItem\` come from a generated \`ListItems\` instead of a mapped type over every paginated path.
- The client's declarations restate openapi-fetch's middleware and option types (checked equal to openapi-fetch's own
  by type tests) instead of importing openapi-fetch's declarations, which cost a lib-checked program about 1.3 s.
- Not split per tag: TypeScript parses every file an import reaches (type-only imports included), and one
  \`client.GET\` typed over every path reaches every tag, so a split would move bytes between files without removing
  any. Leaving \`paths\` and \`operations\` out of what the client loads is the split that pays.
- \`unwrap\`'s first overload takes a \`Promise<T>\` (inference reads the type argument instead of matching
  \`PromiseLike\` through \`then\`): 1,749 -> 1,194 types in this program.
- Where the rest goes (skipLibCheck on, \`tsc --extendedDiagnostics\`, quiet machine): against the floor, ours parses
  ~70 ms more (\`components\` and the index, 0.66 MB), binds ~40 ms more and checks ~70 ms more (the first call of each
  method resolving the schemas it uses). With lib checking, checking our own declarations adds ~0.1 s and the program
  ~0.1 s over the floor. The index's call-site docs cost ~10 ms of parsing.
- Parsing scales with bytes, not with how the types are shaped: declaring the index's repeated header and path blocks
  and error bodies once (\`XRespectReviewSettingsHeader\`, \`IdPathParams\`, \`Status404Error\`) took the index from
  258 KB to 196 KB and moved the whole program 0.99x (paired wall-clock, 15 pairs: within noise); stripping every
  comment from both generated files (220 KB, all the docs) measured 0.96x. What remains is the types of 244 operations and 145 schemas plus their docs.
- Nor is the method signature the cost of the calls: the slimmest signature still typed per path (no \`parseAs\`, no
  call options, no call facts on the result) measured 0.98x on the whole program (paired wall-clock, 25 pairs). The
  calls' time is TypeScript resolving each called operation's types (in check time, 20 calls of one operation cost about half
  of 20 different ones) and warming up its generic inference on the first call.

Cold import (${cold.ours.runs} interleaved rounds, wall-clock medians): ${Object.values(cold)
  .map((c) => `${c.label} ${fmt(c.medianMs, 1)} ms`)
  .join(", ")}. The client ships as one bundled ESM file (tsup), openapi-fetch external: it was ~20 modules (1.33x).

## 6. Contract suite

- ${suite.label}: **${sec(suite.medianMs)}** (${range(suite.spreadMs, sec)}, ${suite.runs} runs) — \`${suite.command}\`
${
  mocks
    ? `
## 7. The stateful mock against the stateless one

\`startPrism()\` and \`startPrism({ stateful: true })\` started alternately, ${mocks.stateful.runs} times each after one
unmeasured start of each (bench/src/mock-start.mjs); "first answer" adds one \`GET /console/v1/gates/a_gate\`. Memory is
the resident size of the processes the mock spawns (the Prism launcher and Prism); the stateful mode's in-memory API and
fault front run in the caller's process.

| mode | ready (spread) | first answer | memory of its processes |
| --- | --- | --- | --- |
| stateless | ${ms(mocks.stateless.readyMs)} (${range(mocks.stateless.readySpreadMs, ms)}) | ${ms(mocks.stateless.firstAnswerMs)} | ${fmt(mocks.stateless.childRssMb, 0)} MB |
| stateful | ${ms(mocks.stateful.readyMs)} (${range(mocks.stateful.readySpreadMs, ms)}) | ${ms(mocks.stateful.firstAnswerMs)} | ${fmt(mocks.stateful.childRssMb, 0)} MB |

Install footprint: the stateful mode adds no dependency (the types package it needs comes with the client anyway);
its own code is ${fmt(mocks.statefulDistBytes / 1024, 0)} KB of the mock's ${fmt(mocks.distBytes / 1024, 0)} KB of JavaScript and JSON in \`dist/\` (most of
which is the overlaid spec Prism reads).
`
    : ""
}
## 8. Mutation testing

StrykerJS 10 with its vitest runner, from the reports of the last local runs (\`pnpm exec stryker run\` in the package;
on Node 20 through StrykerJS's API, since its command line asks for Node 22; \`.github/workflows/mutation.yml\` runs
both weekly). Score: killed and timed-out mutants over those plus survived and uncovered ones. The client's run mutates
all of \`src/\` with its whole unit suite; the generator's configured run, the overlay engine and the spec diff
(\`packages/codegen/stryker.config.mjs\`). The table names what each report mutated.

| package | files mutated | score | detected | survived or not covered | report of |
| --- | --- | --- | --- | --- | --- |
${Object.entries(mutation)
  .map(([name, m]) =>
    m
      ? `| ${name} | ${m.files.length > 6 ? `${m.files.length} files` : m.files.join(", ")} | ${fmt(m.score, 1)}% | ${m.detected} | ${m.undetected} | ${m.date.slice(0, 10)} |`
      : `| ${name} | | not run | | | |`,
  )
  .join("\n")}
`;
writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), md);
console.log(md);
