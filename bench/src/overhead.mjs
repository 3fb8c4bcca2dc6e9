// Per-request overhead: sequential requests against one keep-alive loopback server, same run, the clients taking
// turns batch by batch; median, mean and p99 latency, requests/s, ratios to raw fetch.
import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { driftReporter } from "@org/statsig-console-drift/reporter";
import createClient from "openapi-fetch";
import { Statsig } from "statsig";
import { median, quantile, spread, startServerProcess } from "./util.mjs";

const KEY = "console-bench-key";
const HEADERS = { "STATSIG-API-KEY": KEY, "STATSIG-API-VERSION": "20240601" };

function clients(url) {
  const bare = createClient({ baseUrl: url, headers: HEADERS });
  // Every middleware on: auth, retries, per-attempt timeout, quota limiter (windows too wide to bind).
  const rateLimit = {
    windows: [{ limit: 1e9, intervalMs: 10_000 }],
    segmentWindows: [{ limit: 1e9, intervalMs: 10_000 }],
  };
  const ours = createStatsigConsoleClient({
    apiKey: KEY,
    baseUrl: url,
    timeoutMs: 30_000,
    retry: { maxRetries: 2 },
    rateLimit,
  });
  const oursNoTimeout = createStatsigConsoleClient({ apiKey: KEY, baseUrl: url, timeoutMs: 0, rateLimit });
  // The drift reporter on: every answer cloned, parsed again and checked against the spec, off the call's path.
  const oursDrift = createStatsigConsoleClient({
    apiKey: KEY,
    baseUrl: url,
    rateLimit,
    validateResponses: driftReporter({ onDrift: () => {} }),
  });
  const peer = new Statsig({ statsigApiKey: KEY, serverURL: url });
  // What any per-request timeout costs: a controller and a 30 s timer, cleared once the body is read. On raw fetch it
  // measures the platform's price of a timed request; on bare openapi-fetch it is the floor of a client that times
  // each request, which "ours" is compared with. The signal goes to fetch only, as ours sends it: passed to
  // openapi-fetch, its Request would follow it and fetch's copy would follow that.
  const timed = (call) => async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await call(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  const signalled = (signal) => (request) => fetch(request, { signal });
  const body = { name: "bench_gate", description: "bench" };
  return {
    get: {
      "raw fetch": () => fetch(`${url}/console/v1/gates`, { headers: HEADERS }).then((r) => r.json()),
      "openapi-fetch": () => bare.GET("/console/v1/gates"),
      "raw fetch + timeout": timed((signal) =>
        fetch(`${url}/console/v1/gates`, { headers: HEADERS, signal }).then((r) => r.json()),
      ),
      "openapi-fetch + timeout": timed((signal) => bare.GET("/console/v1/gates", { fetch: signalled(signal) })),
      ours: () => ours.GET("/console/v1/gates"),
      "ours, timeoutMs 0": () => oursNoTimeout.GET("/console/v1/gates"),
      "ours, drift reporter": () => oursDrift.GET("/console/v1/gates"),
      "statsig@0.0.2": () => peer.gates.list({}),
    },
    post: {
      "raw fetch": () =>
        fetch(`${url}/console/v1/gates`, {
          method: "POST",
          headers: { ...HEADERS, "content-type": "application/json" },
          body: JSON.stringify(body),
        }).then((r) => r.json()),
      "openapi-fetch": () => bare.POST("/console/v1/gates", { body }),
      "raw fetch + timeout": timed((signal) =>
        fetch(`${url}/console/v1/gates`, {
          method: "POST",
          headers: { ...HEADERS, "content-type": "application/json" },
          body: JSON.stringify(body),
          signal,
        }).then((r) => r.json()),
      ),
      "openapi-fetch + timeout": timed((signal) => bare.POST("/console/v1/gates", { body, fetch: signalled(signal) })),
      ours: () => ours.POST("/console/v1/gates", { body }),
      "ours, timeoutMs 0": () => oursNoTimeout.POST("/console/v1/gates", { body }),
      "ours, drift reporter": () => oursDrift.POST("/console/v1/gates", { body }),
      "statsig@0.0.2": () => peer.gates.create({ gateCreateDto: body }),
    },
  };
}

/** A small seeded generator (mulberry32): the same orders on every run. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * One round: every client sends `n` sequential requests, in batches of `batch`, the clients taking turns batch by batch
 * (in a fresh random order each turn). The machine's speed drifts by 2x within seconds here; a client measured in one block of
 * 10,000 requests can catch a slow stretch another missed, which made round-to-round ratios spread 0.84x-1.86x.
 * Taking turns puts every client in the same stretches. A batch (~0.2 s) spans many young-generation collections,
 * so each client still pays for most of its own garbage.
 */
async function measureRound(variants, names, n, batch, random) {
  const latencies = Object.fromEntries(names.map((name) => [name, new Float64Array(n)]));
  const busyMs = Object.fromEntries(names.map((name) => [name, 0]));
  for (let from = 0; from < n; from += batch) {
    // A fresh order each turn: a batch pays part of the garbage the batch before it left, so no client may always
    // follow the same one.
    for (const name of shuffled(names, random)) {
      const call = variants[name];
      const sink = latencies[name];
      const started = performance.now();
      for (let i = from; i < Math.min(from + batch, n); i++) {
        const t = performance.now();
        await call();
        sink[i] = performance.now() - t;
      }
      busyMs[name] += performance.now() - started;
    }
  }
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        medianMs: median(latencies[name]),
        meanMs: busyMs[name] / n,
        p99Ms: quantile(latencies[name], 0.99),
        rps: n / (busyMs[name] / 1000),
      },
    ]),
  );
}

export async function overhead({ requests = 10_000, rounds = 5, warmup = 1_000, batch = 1_000, kind = "get" } = {}) {
  const server = await startServerProcess();
  try {
    const variants = clients(server.url)[kind];
    const names = Object.keys(variants);
    for (const name of names) for (let i = 0; i < warmup; i++) await variants[name]();
    const perRound = Object.fromEntries(names.map((n) => [n, []]));
    const random = seeded(1);
    for (let round = 0; round < rounds; round++) {
      const measured = await measureRound(variants, names, requests, batch, random);
      for (const name of names) perRound[name].push(measured[name]);
    }
    const summary = {};
    for (const name of names) {
      const rows = perRound[name];
      const ratios = rows.map((r, i) => r.medianMs / perRound["raw fetch"][i].medianMs);
      const rpsRatios = rows.map((r, i) => perRound["raw fetch"][i].rps / r.rps);
      summary[name] = {
        medianMs: median(rows.map((r) => r.medianMs)),
        medianSpread: spread(rows.map((r) => r.medianMs)),
        p99Ms: median(rows.map((r) => r.p99Ms)),
        rps: median(rows.map((r) => r.rps)),
        rpsSpread: spread(rows.map((r) => r.rps)),
        latencyRatio: median(ratios),
        latencyRatioSpread: spread(ratios),
        timeRatio: median(rpsRatios),
        timeRatioSpread: spread(rpsRatios),
      };
    }
    return { kind, requests, rounds, warmup, batch, summary };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    JSON.stringify(await overhead({ requests: Number(process.argv[2] ?? 2000), rounds: 3, warmup: 200 }), null, 2),
  );
}
