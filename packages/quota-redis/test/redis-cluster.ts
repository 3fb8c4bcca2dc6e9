import { type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, launch } from "@org/statsig-console-test-support/redis-server";
import { Redis } from "ioredis";

const exec = promisify(execFile);

export interface RedisCluster {
  ports: number[];
  /** The port of the master that holds a key's slot now. */
  masterOf(key: string): Promise<number>;
  /** SIGKILLs one node (a master: its replica takes over after the node timeout). */
  kill(port: number): void;
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster on loopback: 3 masters and 3 replicas (`redis-cli --cluster create --cluster-replicas 1`),
 * with a short node timeout so a failover takes about a second. Stopped by its own handle.
 */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), "redis-cluster-"));
  const ports: number[] = [];
  const nodes = new Map<number, ChildProcess>();
  const stop = async () => {
    await Promise.all(
      [...nodes.values()].map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        return exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 6; i++) {
      const port = await freePort();
      ports.push(port);
      const config = ["--cluster-enabled", "yes", "--cluster-config-file", join(dir, `nodes-${port}.conf`)];
      nodes.set(port, await launch(port, [...config, "--cluster-node-timeout", "1000", "--dir", dir]));
    }
    await exec("redis-cli", [
      "--cluster",
      "create",
      ...ports.map((port) => `127.0.0.1:${port}`),
      "--cluster-replicas",
      "1",
      "--cluster-yes",
    ]);
    await untilEvery(ports, async (probe) => (await probe.cluster("INFO")).includes("cluster_state:ok"));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports,
    async masterOf(key) {
      const probe = new Redis(ports[0] as number, { lazyConnect: true });
      try {
        const slot = await probe.cluster("KEYSLOT", key);
        const range = (await probe.cluster("SLOTS")).find(([from, to]) => slot >= from && slot <= to);
        const master = range?.[2];
        if (!master) throw new Error(`no master serves slot ${slot}`);
        return master[1];
      } finally {
        probe.disconnect();
      }
    },
    kill(port) {
      nodes.get(port)?.kill("SIGKILL");
    },
    stop,
  };
}

/** Waits (up to 20 s) until `check` holds on every node. */
async function untilEvery(ports: number[], check: (probe: Redis) => Promise<boolean>): Promise<void> {
  for (const port of ports) {
    const probe = new Redis(port, { lazyConnect: true });
    try {
      for (let i = 0; !(await check(probe)); i++) {
        if (i > 200) throw new Error(`redis cluster node ${port} did not become ready`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      probe.disconnect();
    }
  }
}
