import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import {
  ConfigurationError,
  ConnectionError,
  createRateLimiter,
  createStatsigConsoleClient,
  type QuotaBucketStore,
  type QuotaDecision,
  type QuotaStore,
  type QuotaWindow,
} from "@org/statsig-console-client";
import { startQuotaServer } from "@org/statsig-console-test-support/quota-server";
import { type RedisServer, startRedis } from "@org/statsig-console-test-support/redis-server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { QuotaStoreUnavailableError, redisQuotaStore } from "../src/index.js";

// Scaled-down windows (the real ones are 100/10 s and 900/15 min), enforced by the loopback server.
const WINDOWS: QuotaWindow[] = [
  { limit: 5, intervalMs: 400 },
  { limit: 12, intervalMs: 1500 },
];
/** The mutations bucket as the client uses it: the client's scheduler in front of this store. */
const slotsOf = (store: QuotaStore, windows: readonly QuotaWindow[]) => createRateLimiter({ store, windows }).mutations;
const worker = new URL("./fixtures/worker.mjs", import.meta.url).pathname;
const exec = promisify(execFile);

interface WorkerResult {
  created: number;
  rateLimited: number;
  other: string[];
}
async function runWorkers(
  count: number,
  args: { baseUrl: string; redisUrl: string; project: string; n: number; mode: string },
) {
  const runs = Array.from({ length: count }, () =>
    exec(process.execPath, [
      worker,
      args.baseUrl,
      args.redisUrl,
      args.project,
      String(args.n),
      args.mode,
      JSON.stringify(WINDOWS),
      "5000",
    ]),
  );
  return (await Promise.all(runs)).map(
    ({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1) as string) as WorkerResult,
  );
}

let redis: RedisServer;
const connections: Redis[] = [];
const connect = () => {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  connections.push(connection);
  return connection;
};
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await redis?.stop(); // undefined when it never started: beforeAll's error is the one to read
});

describe("many processes, one project's quota", () => {
  test("control: with a limiter in each process's memory, 4 processes together get 429s", async () => {
    const server = await startQuotaServer(WINDOWS);
    try {
      const results = await runWorkers(4, {
        baseUrl: server.url,
        redisUrl: redis.url,
        project: "control",
        n: 15,
        mode: "memory",
      });
      expect(results.reduce((sum, r) => sum + r.rateLimited, 0)).toBeGreaterThan(0);
      expect(server.rejected()).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  test("sharing the Redis store, the same 4 processes get no 429 and every mutation is created", async () => {
    const server = await startQuotaServer(WINDOWS);
    try {
      const results = await runWorkers(4, {
        baseUrl: server.url,
        redisUrl: redis.url,
        project: "shared",
        n: 15,
        mode: "redis",
      });
      expect(results).toEqual(Array(4).fill(expect.objectContaining({ created: 15, rateLimited: 0, other: [] })));
      expect(server.rejected()).toBe(0);
      // Every key the store left has a TTL (so an idle project costs nothing), and none holds the API key.
      const probe = connect();
      const keys = await probe.keys("statsig-console:quota:{shared}:*");
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(await probe.pttl(key), key).toBeGreaterThan(0);
        const type = await probe.type(key);
        const content = type === "zset" ? await probe.zrange(key, 0, -1, "WITHSCORES") : [await probe.get(key)];
        expect(type === "zset" || type === "string", `${key} is a ${type}`).toBe(true);
        expect(content.join(" "), key).not.toContain("console-worker");
      }
    } finally {
      await server.close();
    }
  });

  test("two projects on one Redis never share a quota", async () => {
    const store = redisQuotaStore({ redis: connect(), project: "project-a" });
    const other = redisQuotaStore({ redis: connect(), project: "project-b" });
    const a = slotsOf(store, [{ limit: 2, intervalMs: 60_000 }]);
    const b = slotsOf(other, [{ limit: 2, intervalMs: 60_000 }]);
    await a.acquire();
    await a.acquire();
    const stopWaiting = new AbortController();
    const third = a.acquire(stopWaiting.signal, () => new Error("stopped waiting"));
    // Project b's window is its own: its slots come at once while project a's third request waits.
    await b.acquire();
    await b.acquire();
    expect(a.pending).toBe(1);
    const abort = new AbortController();
    const waiting = a.acquire(abort.signal, () => new Error("given up"));
    abort.abort();
    await expect(waiting).rejects.toThrow("given up");
    expect(a.pending).toBe(1);
    stopWaiting.abort();
    await expect(third).rejects.toThrow("stopped waiting");
    expect(a.pending).toBe(0);
  });
});

describe("aborts", () => {
  test("a request aborted while Redis grants its slot gives the slot straight back (not counted)", async () => {
    const quota = slotsOf(redisQuotaStore({ redis: connect(), project: "abort-race" }), [
      { limit: 1, intervalMs: 60_000 },
    ]);
    const stop = new AbortController();
    const first = quota.acquire(stop.signal, () => new Error("stopped"));
    stop.abort(); // the acquire script is already on its way to Redis
    await expect(first).rejects.toThrow("stopped");
    // The only slot of the window was granted to the aborted request and must be free again, uncounted.
    const outcome = await Promise.race([
      quota.acquire().then(() => "granted"),
      new Promise((r) => setTimeout(() => r("slot leaked"), 10_000)),
    ]);
    expect(outcome).toBe("granted");
  });
});

describe("a 429 seen by one process pauses the bucket for every process", () => {
  test("process a pauses; process b, on its own connection, waits until the pause ends", async () => {
    const a = slotsOf(redisQuotaStore({ redis: connect(), project: "paused" }), WINDOWS);
    const b = slotsOf(redisQuotaStore({ redis: connect(), project: "paused" }), WINDOWS);
    const probe = connect();
    a.pause(60_000);
    const paused = "statsig-console:quota:{paused}:mutations:paused";
    for (let i = 0; i < 100 && !(await probe.exists(paused)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await probe.pttl(paused)).toBeGreaterThan(50_000);
    const stop = new AbortController();
    const waiting = b.acquire(stop.signal, () => new Error("stopped"));
    await new Promise((r) => setTimeout(r, 300));
    expect(b.pending).toBe(1);
    stop.abort();
    await expect(waiting).rejects.toThrow("stopped");
    // Once the pause is over (here: removed), b gets its slot.
    await probe.del(paused);
    // The next in line asks Redis at once, not when the aborted head's 60 s wait would have ended.
    const next = await Promise.race([b.acquire(), new Promise((r) => setTimeout(() => r("still waiting"), 30_000))]);
    expect(next).toBeTypeOf("function");
  });
});

describe("the store's decisions, called as the client's scheduler calls them", () => {
  /** Takes `slot` as the scheduler would: a new copy of the state settles first (a fresh project's too). */
  async function takeOnceSettled(store: QuotaBucketStore, slot: string): Promise<QuotaDecision> {
    const first = await store.take(slot);
    if (first.granted || first.retryInMs > 200) return first;
    await new Promise((resolve) => setTimeout(resolve, first.retryInMs + 5));
    return store.take(slot);
  }

  test("an acquire asked again for the same slot (its answer lost, the call retried) is the same grant", async () => {
    const store = redisQuotaStore({ redis: connect(), project: "retried-take" })("mutations", [
      { limit: 1, intervalMs: 60_000 },
    ]);
    expect(await takeOnceSettled(store, "slot-a")).toEqual({ granted: true });
    expect(await store.take("slot-a")).toEqual({ granted: true });
    expect(await connect().zrange("statsig-console:quota:{retried-take}:mutations:inflight", 0, -1)).toEqual([
      "slot-a",
    ]);
    // The window's one slot is taken: another slot id waits until an in-flight request ends.
    expect(await store.take("slot-b")).toEqual({ granted: false, retryInMs: 50 });
  });

  test("after the state is lost, a new copy grants nothing while the processes still asking put their sends back", async () => {
    const project = "settling";
    const windows = [{ limit: 3, intervalMs: 60_000 }];
    const a = redisQuotaStore({ redis: connect(), project })("mutations", windows);
    for (const slot of ["a1", "a2", "a3"]) {
      expect(await takeOnceSettled(a, slot)).toEqual({ granted: true });
      await a.release(slot, true);
    }
    await connect().flushall();
    // Process b asks first: it starts the new copy, which holds every grant for its settling time (4 x pollMs)...
    const b = redisQuotaStore({ redis: connect(), project })("mutations", windows);
    const first = await b.take("b1");
    expect(first).toMatchObject({ granted: false });
    expect((first as { retryInMs: number }).retryInMs).toBeLessThanOrEqual(200);
    // ...during which a, still asking, puts its three sends back.
    expect(await a.take("a4")).toMatchObject({ granted: false });
    await new Promise((resolve) => setTimeout(resolve, 250));
    // The window is full again: b gets nothing, and is told to ask again within the settling time.
    expect(await b.take("b1")).toEqual({ granted: false, retryInMs: 200 });
  });

  test("after a loss, a slot still in flight is put back as in flight, and a release that sees the new copy puts the sends back", async () => {
    const project = "put-back";
    const key = `statsig-console:quota:{${project}}:mutations`;
    const probe = connect();
    const windows = [{ limit: 10, intervalMs: 60_000 }];
    const a = redisQuotaStore({ redis: connect(), project })("mutations", windows);
    expect(await takeOnceSettled(a, "sent-1")).toEqual({ granted: true });
    await a.release("sent-1", true);
    expect(await a.take("in-flight")).toEqual({ granted: true });
    await probe.flushall();
    // Another process starts the new copy; a only releases: it sees the new epoch in that answer.
    await redisQuotaStore({ redis: connect(), project })("mutations", windows).take("b1");
    await a.release("in-flight", true);
    expect((await probe.zrange(`${key}:done`, 0, -1)).sort()).toEqual(["@epoch", "in-flight", "sent-1"]);
    // A slot in flight across a loss is put back as in flight when its process next asks.
    expect(await takeOnceSettled(a, "held")).toEqual({ granted: true });
    await probe.flushall();
    await a.take("after");
    expect(await probe.zrange(`${key}:inflight`, 0, -1)).toContain("held");
  });

  test("after a loss, a process that only has slots in flight (asking nothing) puts them back before anyone else gets one", async () => {
    const project = "in-flight-only";
    const windows = [{ limit: 3, intervalMs: 60_000 }];
    const starter = redisQuotaStore({ redis: connect(), project })("mutations", windows);
    expect(await takeOnceSettled(starter, "s0")).toEqual({ granted: true });
    await starter.release("s0", false);
    // Whatever a's own pollMs (its settling would be 2 s): b, which starts the new copy, decides how long it settles.
    const a = redisQuotaStore({ redis: connect(), project, pollMs: 500 })("mutations", windows);
    for (const slot of ["a1", "a2", "a3"]) expect(await a.take(slot)).toEqual({ granted: true });
    await connect().flushall();
    const b = redisQuotaStore({ redis: connect(), project })("mutations", windows);
    // b starts the new copy and waits out its settling; a, asking nothing, puts its three slots back meanwhile.
    expect(await takeOnceSettled(b, "b1")).toEqual({ granted: false, retryInMs: 50 });
    for (const slot of ["a1", "a2", "a3"]) await a.release(slot, true);
    // Released as sent: the window is full for its minute.
    expect(await b.take("b1")).toMatchObject({ granted: false });
  });

  test("a seed Redis keeps refusing fails the take within unavailableAfterMs, typed, instead of asking forever", async () => {
    const project = "refused-seed";
    const probe = connect();
    const store = redisQuotaStore({ redis: connect(), project, unavailableAfterMs: 300 })("mutations", WINDOWS);
    expect(await takeOnceSettled(store, "sent-1")).toEqual({ granted: true });
    await store.release("sent-1", true); // this process now has a send of its own to put back
    // The state is lost and another process starts a new epoch; then Redis refuses every write (out of memory).
    await probe.del(`statsig-console:quota:{${project}}:mutations:done`);
    await redisQuotaStore({ redis: connect(), project })("mutations", WINDOWS).take("other-process");
    await probe.config("SET", "maxmemory", "1");
    try {
      const outcome = await Promise.race([
        Promise.resolve(store.take("after-loss")).catch((error: unknown) => error),
        new Promise((resolve) => setTimeout(() => resolve("still asking"), 5_000)),
      ]);
      expect(outcome).toBeInstanceOf(QuotaStoreUnavailableError);
      // Redis's own refusal is in the message.
      expect((outcome as Error).message).toMatch(/"seed" within 300 ms: OOM/);
    } finally {
      await probe.config("SET", "maxmemory", "0");
    }
  });
});

describe("options", () => {
  test.each([
    [
      { leaseMs: 45_000 * 1.1 },
      "leaseMs must be a whole number of milliseconds from 1 to 2147483647, got 49500.00000000001",
    ],
    [{ leaseMs: 0 }, "leaseMs must be a whole number of milliseconds from 1 to 2147483647, got 0"],
    [
      { unavailableAfterMs: 0 },
      "unavailableAfterMs must be a whole number of milliseconds from 1 to 2147483647, got 0",
    ],
    [{ pollMs: -5 }, "pollMs must be a whole number of milliseconds from 1 to 2147483647, got -5"],
    [{ project: " " }, "project must be a non-empty string (the Statsig project's id)"],
    [{ redis: {} }, "redis must be an ioredis connection (Redis or Cluster)"],
    [
      { unavailableAfterMs: 2 ** 31 },
      "unavailableAfterMs must be a whole number of milliseconds from 1 to 2147483647, got 2147483648",
    ],
    [{ keyPrefix: "q{}" }, "keyPrefix must not contain { or } (Redis Cluster hash tags)"],
    [{ project: "}" }, "project must not contain { or } (Redis Cluster hash tags)"],
  ])("%j is refused when the store is made, naming the option", (bad, message) => {
    const options = { redis: connect(), project: "options", ...bad } as Parameters<typeof redisQuotaStore>[0];
    expect(() => redisQuotaStore(options)).toThrow(new ConfigurationError(`redisQuotaStore: ${message}`));
  });

  test.each([
    [{ limit: 1e21, intervalMs: 10_000 }],
    [{ limit: 5, intervalMs: 1e21 }],
    [{ limit: 1.5, intervalMs: 10_000 }],
  ])("a window Redis would read as another quota (%j) is refused", (window) => {
    const store = redisQuotaStore({ redis: connect(), project: "options" });
    expect(() => store("mutations", [window])).toThrow(ConfigurationError);
  });
});

describe("failures", () => {
  test("a process SIGKILLed while holding slots blocks the others for at most its lease", async () => {
    const hanging = await startQuotaServer(WINDOWS, { hang: true });
    const holder: ChildProcess = spawn(process.execPath, [
      worker,
      hanging.url,
      redis.url,
      "killed-holder",
      "5",
      "redis",
      JSON.stringify(WINDOWS),
      "1500",
    ]);
    try {
      // The holder takes the whole first window (5 slots) with requests the server never answers.
      const inflight = `statsig-console:quota:{killed-holder}:mutations:inflight`;
      const probe = connect();
      for (let i = 0; i < 200 && (await probe.zcard(inflight)) < 5; i++) await new Promise((r) => setTimeout(r, 50));
      // All 5 are counted: in flight, or (a lease already over, on a slow machine) as sends.
      const done = inflight.replace(/inflight$/, "done");
      expect((await probe.zcard(inflight)) + (await probe.zcount(done, 1, "+inf"))).toBe(5);
      holder.kill("SIGKILL");
      const quota = slotsOf(redisQuotaStore({ redis: connect(), project: "killed-holder" }), WINDOWS);
      const granted = quota.acquire();
      expect(quota.pending).toBe(1);
      // Granted once the dead holder's leases (1500 ms) end; bounded so a broken lease fails the test, not hangs it.
      const outcome = await Promise.race([
        granted.then(() => "granted"),
        new Promise((r) => setTimeout(() => r("still blocked"), 20_000)),
      ]);
      expect(outcome).toBe("granted");
    } finally {
      holder.kill("SIGKILL");
      await hanging.close();
    }
  });

  test.each([
    ["restarted empty", () => redis.restart()],
    [
      "flushed (FLUSHALL, as an eviction under maxmemory)",
      () =>
        connect()
          .flushall()
          .then(() => {}),
    ],
  ])(
    "Redis %s mid-run: each process puts its recent sends back, so the API sees no window exceeded",
    async (_what, lose) => {
      const server = await startQuotaServer(WINDOWS);
      try {
        const project = `lost-${Math.random().toString(36).slice(2, 8)}`;
        const run = runWorkers(2, { baseUrl: server.url, redisUrl: redis.url, project, n: 20, mode: "redis" });
        // Lost while both processes are sending: the first window is full and the second filling.
        await new Promise((r) => setTimeout(r, 600));
        await lose();
        const results = await run;
        for (const result of results) {
          expect(result.other).toEqual([]);
          expect(result.created + result.rateLimited).toBe(20);
        }
        expect(server.rejected()).toBe(0);
      } finally {
        await server.close();
      }
    },
  );

  test("only the sends are lost (their key evicted, the epoch kept): the loss is seen and the sends put back", async () => {
    const probe = connect();
    const project = "done-lost";
    const windows = [{ limit: 3, intervalMs: 10_000 }];
    const quota = slotsOf(redisQuotaStore({ redis: connect(), project }), windows);
    for (let i = 0; i < 3; i++) (await quota.acquire())();
    const done = `statsig-console:quota:{${project}}:mutations:done`;
    // The releases are fire-and-forget: wait until Redis has the three sends.
    for (let i = 0; i < 100 && (await probe.zcount(done, 1, "+inf")) < 3; i++)
      await new Promise((r) => setTimeout(r, 20));
    await probe.del(done);
    const stop = new AbortController();
    const fourth = quota.acquire(stop.signal, () => new Error("stopped"));
    // The window is full for 10 s: the fourth must still be waiting well after Redis answered.
    const outcome = await Promise.race([
      fourth.then(() => "granted"),
      new Promise((r) => setTimeout(() => r("waiting"), 1000)),
    ]);
    expect(outcome).toBe("waiting");
    stop.abort();
    await expect(fourth).rejects.toThrow("stopped");
    expect(await probe.zcount(done, 1, "+inf")).toBe(3);
  });

  test("Redis frozen (SIGSTOP) past unavailableAfterMs: calls fail typed, and no slot stays leased once it resumes", async () => {
    const frozen = connect();
    const project = "frozen";
    const quota = slotsOf(redisQuotaStore({ redis: frozen, project, unavailableAfterMs: 300 }), WINDOWS);
    // Known to Redis first (its epoch set), so the frozen call is a real acquire.
    (await quota.acquire())(false);
    redis.signal("SIGSTOP");
    try {
      const outcomes = await Promise.allSettled([quota.acquire(), quota.acquire(), quota.acquire()]);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(QuotaStoreUnavailableError);
      }
    } finally {
      redis.signal("SIGCONT");
    }
    // Everything the store queued on its connection has run once this answers (one connection keeps its order).
    await frozen.ping();
    expect(await connect().zcard(`statsig-console:quota:{${project}}:mutations:inflight`)).toBe(0);
  });

  test("a lease shorter than the window: a SIGKILLed holder's sends still count until the window ends", async () => {
    // The holder's 5 requests reach the API (they count there) and are never answered; its leases end at 300 ms.
    const server = await startQuotaServer(WINDOWS, { hangFirst: 5 });
    const holder: ChildProcess = spawn(process.execPath, [
      worker,
      server.url,
      redis.url,
      "short-lease",
      "5",
      "redis",
      JSON.stringify(WINDOWS),
      "300",
    ]);
    try {
      const inflight = `statsig-console:quota:{short-lease}:mutations:inflight`;
      const probe = connect();
      for (let i = 0; i < 200 && server.received() < 5; i++) await new Promise((r) => setTimeout(r, 20));
      // All 5 are counted: in flight, or (a lease already over, on a slow machine) as sends.
      const done = inflight.replace(/inflight$/, "done");
      expect((await probe.zcard(inflight)) + (await probe.zcount(done, 1, "+inf"))).toBe(5);
      holder.kill("SIGKILL");
      const [result] = await runWorkers(1, {
        baseUrl: server.url,
        redisUrl: redis.url,
        project: "short-lease",
        n: 7,
        mode: "redis",
      });
      expect(result).toMatchObject({ created: 7, rateLimited: 0, other: [] });
      expect(server.rejected()).toBe(0);
    } finally {
      holder.kill("SIGKILL");
      await server.close();
    }
  });

  test("Redis down: the request fails closed (ConnectionError caused by QuotaStoreUnavailableError), unsent", async () => {
    const server = await startQuotaServer(WINDOWS);
    const down = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
      lazyConnect: true,
    });
    down.on("error", () => {}); // ioredis reports every failed reconnect; the store's error is what is tested
    connections.push(down);
    try {
      const limiter = createRateLimiter({
        windows: WINDOWS,
        store: redisQuotaStore({ redis: down, project: "down", unavailableAfterMs: 300 }),
      });
      const client = createStatsigConsoleClient({
        apiKey: "console-x",
        baseUrl: server.url,
        retry: false,
        rateLimit: { limiter },
      });
      const error = await client.POST("/console/v1/gates", { body: { name: "g" } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ mayHaveBeenApplied: false, method: "POST", path: "/console/v1/gates" });
      expect((error as Error).cause).toBeInstanceOf(QuotaStoreUnavailableError);
      expect(server.received()).toBe(0);
    } finally {
      await server.close();
    }
  });
});
