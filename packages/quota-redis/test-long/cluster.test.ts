import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { QuotaWindow } from "@org/statsig-console-client";
import { startQuotaServer } from "@org/statsig-console-test-support/quota-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RedisCluster, startRedisCluster } from "../test/redis-cluster.js";

// The engine a project with many workers runs: a Redis Cluster (3 masters, 3 replicas) on loopback. Six servers
// and eight worker processes: a long suite (`pnpm test:spec-flow` runs it), not part of `pnpm test`.
const WINDOWS: QuotaWindow[] = [
  { limit: 5, intervalMs: 400 },
  { limit: 12, intervalMs: 1500 },
];
const worker = new URL("../test/fixtures/worker.mjs", import.meta.url).pathname;
const exec = promisify(execFile);

let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);
afterAll(() => cluster?.stop());

function runWorkers(count: number, baseUrl: string, project: string, n: number) {
  const args = [
    worker,
    baseUrl,
    cluster.ports.join(","),
    project,
    String(n),
    "cluster",
    JSON.stringify(WINDOWS),
    "5000",
  ];
  return Promise.all(
    Array.from({ length: count }, () =>
      exec(process.execPath, args).then(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1) as string)),
    ),
  );
}

test("4 processes share one project's quota on a Redis Cluster: no 429, every mutation created", async () => {
  const server = await startQuotaServer(WINDOWS);
  try {
    const results = await runWorkers(4, server.url, "cluster-shared", 10);
    expect(results).toEqual(Array(4).fill(expect.objectContaining({ created: 10, rateLimited: 0, other: [] })));
    expect(server.rejected()).toBe(0);
  } finally {
    await server.close();
  }
});

test("the master holding the project's slot is killed mid-run: its replica takes over, no call fails, no 429", async () => {
  const server = await startQuotaServer(WINDOWS);
  try {
    const project = "cluster-failover";
    const master = await cluster.masterOf(`{${project}}`);
    const run = runWorkers(4, server.url, project, 10);
    await new Promise((r) => setTimeout(r, 600));
    cluster.kill(master);
    const results = await run;
    for (const result of results) expect(result).toMatchObject({ created: 10, rateLimited: 0, other: [] });
    expect(server.rejected()).toBe(0);
    expect(await cluster.masterOf(`{${project}}`)).not.toBe(master);
  } finally {
    await server.close();
  }
});
