import { afterEach, describe, expect, test } from "vitest";
import {
  ConfigurationError,
  ConnectionError,
  createRateLimiter,
  createStatsigConsoleClient,
  memoryQuotaStore,
  type QuotaBucketStore,
  type QuotaDecision,
  type QuotaStore,
  type ReleaseSlot,
} from "../src/index.js";
import { json, startServer, type TestServer } from "./server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A store as a Redis-backed one behaves when Redis is down: it cannot decide. */
const unavailable: QuotaStore = () => ({
  take: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
  release: () => {},
  pause: () => {},
});

/** A store whose every answer the test gives by hand, recording what the scheduler asked. */
function scriptedStore() {
  const calls: string[] = [];
  const answers: ((decision: QuotaDecision | Error) => void)[] = [];
  const store: QuotaBucketStore = {
    take(slot) {
      calls.push(`take ${slot}`);
      return new Promise((resolve, reject) => {
        answers.push((decision) => (decision instanceof Error ? reject(decision) : resolve(decision)));
      });
    },
    release(slot, sent) {
      calls.push(`release ${slot} ${sent}`);
    },
    pause(ms) {
      calls.push(`pause ${ms}`);
    },
  };
  const answer = async (decision: QuotaDecision | Error) => {
    while (answers.length === 0) await new Promise((r) => setTimeout(r, 1));
    (answers.shift() as (d: QuotaDecision | Error) => void)(decision);
    await new Promise((r) => setTimeout(r, 1));
  };
  const slots = createRateLimiter({ store: () => store }).mutations;
  /** The slot ids in the order they were asked for. */
  const taken = () => calls.filter((c) => c.startsWith("take ")).map((c) => c.slice(5));
  return { calls, answer, slots, taken };
}

describe("the scheduler in front of any store", () => {
  test("the limiter asks the store for its two buckets, with their windows", () => {
    const asked: string[] = [];
    const store: QuotaStore = (bucket, windows) => {
      asked.push(`${bucket} ${windows.map((w) => `${w.limit}/${w.intervalMs}`).join(" ")}`);
      return memoryQuotaStore()(bucket, windows);
    };
    const limiter = createRateLimiter({ windows: [{ limit: 3, intervalMs: 100 }], store });
    expect(asked).toEqual(["mutations 3/100", "segments 12/10000 900/900000"]);
    expect(limiter.bucketFor("DELETE", "/console/v1/segments/s/id_list")).toBe(limiter.segments);
    expect(() => createRateLimiter({ windows: [{ limit: 0, intervalMs: 100 }] })).toThrow(ConfigurationError);
  });

  test("FIFO: only the head asks; a slot's release reaches the store once, however often it is called", async () => {
    const { calls, answer, slots, taken } = scriptedStore();
    const order: string[] = [];
    const granted = (name: string) => (release: ReleaseSlot) => {
      order.push(name);
      return release;
    };
    const first = slots.acquire().then(granted("first"));
    const second = slots.acquire().then(granted("second"));
    expect(slots.pending).toBe(2);
    await answer({ granted: true });
    const release = await first;
    await answer({ granted: true });
    await second;
    expect(order).toEqual(["first", "second"]);
    release();
    release(false);
    await new Promise((r) => setTimeout(r, 1));
    const [a, b] = taken();
    expect(a).not.toBe(b);
    expect(calls).toEqual([`take ${a}`, `take ${b}`, `release ${a} true`]);
  });

  test("'not yet' waits as long as the store says, then asks again with a new slot id", async () => {
    const { answer, slots, taken } = scriptedStore();
    const granted = slots.acquire();
    await answer({ granted: false, retryInMs: 30 });
    expect(taken()).toHaveLength(1);
    await answer({ granted: true });
    await granted;
    expect(new Set(taken()).size).toBe(2);
  });

  test("a take that fails fails every queued request with the store's error, and gives that slot back unsent", async () => {
    const { calls, answer, slots, taken } = scriptedStore();
    const outcomes = Promise.allSettled([slots.acquire(), slots.acquire()]);
    const down = new Error("redis down");
    await answer(down);
    const settled = await outcomes;
    expect(settled.map((s) => s.status === "rejected" && s.reason)).toEqual([down, down]);
    expect(calls).toEqual([`take ${taken()[0]}`, `release ${taken()[0]} false`]);
    expect(slots.pending).toBe(0);
  });

  test("a head that gives up while the store decides: a granted slot goes straight back, and the next asks", async () => {
    const { calls, answer, slots, taken } = scriptedStore();
    const stop = new AbortController();
    const first = slots.acquire(stop.signal, () => new Error("gave up"));
    const second = slots.acquire();
    stop.abort();
    await expect(first).rejects.toThrow("gave up");
    await answer({ granted: true }); // the answer to the head that left
    await answer({ granted: true });
    await second;
    const [a, b] = taken();
    expect(calls).toEqual([`take ${a}`, `release ${a} false`, `take ${b}`]);
  });

  test("a malformed answer is the store's failure, not a grant or a spin", async () => {
    server = await startServer((_req, res) => json(res, 201, { message: "ok", data: {} }));
    const broken: QuotaStore = () => ({
      take: () => ({ granted: "yes" }) as unknown as QuotaDecision,
      release: () => {},
      pause: () => {},
    });
    const client = createStatsigConsoleClient({
      apiKey: "console-test",
      baseUrl: server.url,
      rateLimit: { limiter: createRateLimiter({ store: broken }) },
    });
    const error = await client.POST("/console/v1/gates", { body: { name: "g" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(((error as Error).cause as Error).message).toMatch(/the quota store answered \{"granted":"yes"\}/);
    expect(server.received).toEqual([]);
  });

  test("a release that lands while the store decides is not slept through on an 'only a release frees room' answer", async () => {
    const { answer, slots, taken } = scriptedStore();
    const acquired = slots.acquire();
    await answer({ granted: true });
    const release = await acquired;
    const next = slots.acquire();
    await new Promise((r) => setTimeout(r, 1));
    release(); // while the store still decides on the next one
    await new Promise((r) => setTimeout(r, 1));
    await answer({ granted: false, retryInMs: Infinity }); // no timer: only a release would wake it
    await answer({ granted: true }); // asked again at once, because the release already happened
    await next;
    expect(taken()).toHaveLength(3);
  });

  test("the in-memory store: a request waiting on an in-flight one gets its slot once that one's interval is over", async () => {
    const slots = createRateLimiter({ windows: [{ limit: 1, intervalMs: 5 }] }).mutations;
    const release = await slots.acquire();
    const next = slots.acquire();
    await new Promise((r) => setTimeout(r, 20));
    expect(slots.pending).toBe(1);
    release();
    await next;
    expect(slots.pending).toBe(0);
  });

  test("a store whose pause and release throw: the caller never sees it", async () => {
    const store: QuotaStore = () => ({
      take: () => ({ granted: true }),
      release: () => {
        throw new Error("release failed");
      },
      pause: () => Promise.reject(new Error("pause failed")),
    });
    const slots = createRateLimiter({ store }).mutations;
    const release = await slots.acquire();
    expect(() => release()).not.toThrow();
    expect(() => slots.pause(10)).not.toThrow();
    await new Promise((r) => setTimeout(r, 5));
  });
});

test("a store that cannot grant a slot: a ConnectionError, not sent, the store's error as cause", async () => {
  server = await startServer((_req, res) => json(res, 201, { message: "ok", data: {} }));
  const client = createStatsigConsoleClient({
    apiKey: "console-test",
    baseUrl: server.url,
    rateLimit: { limiter: createRateLimiter({ store: unavailable }) },
  });
  const error = await client.POST("/console/v1/gates", { body: { name: "g" } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error).toMatchObject({ method: "POST", path: "/console/v1/gates", mayHaveBeenApplied: false });
  expect((error as Error).message).toBe("POST /console/v1/gates failed: no quota slot");
  expect(((error as Error).cause as Error).message).toMatch(/ECONNREFUSED/);
  expect(server.received).toEqual([]);
  // Reads take no quota: they still go out.
  expect((await client.GET("/console/v1/gates")).response.status).toBe(201);
});
