import type { IncomingMessage, ServerResponse } from "node:http";
import {
  DEFAULT_MUTATION_WINDOWS,
  DEFAULT_SEGMENT_WINDOWS,
  type QuotaWindow,
  quotaOf,
  windowWait,
} from "@org/statsig-console-types/quota-windows";
import type { SeenRequest } from "./console-fake.js";

/** The project's quota, enforced as the live API enforces it. Default: Statsig's documented windows. */
export interface QuotaOptions {
  /** Windows every mutation must fit in at once. Default: 100 per 10 s and 900 per 15 min. */
  windows?: readonly QuotaWindow[];
  /** Windows of PATCH and DELETE /console/v1/segments/{id}/id_list. Default: 12 per 10 s and 900 per 15 min. */
  segmentWindows?: readonly QuotaWindow[];
}

/**
 * Counts every mutation that arrives, refused ones included (Statsig counts rejected attempts), and answers 429
 * without Retry-After (as the live API does) to one that does not fit in its windows. Reads have no published limit.
 * The arithmetic is the client's own (`windowWait`), so mock and client cannot disagree about what fits.
 */
export function createQuotaGate(options: QuotaOptions = {}, now: () => number = Date.now) {
  const windows = {
    mutations: checked(options.windows ?? DEFAULT_MUTATION_WINDOWS, "windows"),
    segments: checked(options.segmentWindows ?? DEFAULT_SEGMENT_WINDOWS, "segmentWindows"),
  };
  const longest = Math.max(...[...windows.mutations, ...windows.segments].map((w) => w.intervalMs));
  const arrivals = { mutations: [] as number[], segments: [] as number[] };
  const throttled: SeenRequest[] = [];

  /** Counts the attempt; false when the quota refuses it. */
  const admit = (method: string, pathname: string): boolean => {
    const quota = quotaOf(method, pathname);
    if (quota === undefined) return true;
    const at = now();
    const times = arrivals[quota].filter((t) => t > at - longest);
    const fits = windowWait(times, windows[quota], at) === 0;
    times.push(at);
    arrivals[quota] = times;
    return fits;
  };

  return {
    admit,
    /** Answers a refused mutation with 429 (true); false when the request goes on. */
    answer(request: IncomingMessage, response: ServerResponse, template: string | undefined): boolean {
      const method = (request.method ?? "GET").toUpperCase();
      const pathname = new URL(request.url ?? "/", "http://front.invalid").pathname;
      if (admit(method, pathname)) return false;
      throttled.push({ method, path: template ?? pathname, status: 429 });
      response
        .writeHead(429, { "content-type": "application/json" })
        .end(JSON.stringify({ status: 429, message: "Too many requests: the project's Console API quota is used up" }));
      return true;
    },
    /** The mutations the quota refused, in order. */
    throttled(): SeenRequest[] {
      return throttled.map((r) => ({ ...r }));
    },
    /** Forgets every attempt counted and refused. */
    clear(): void {
      arrivals.mutations = [];
      arrivals.segments = [];
      throttled.length = 0;
    },
  };
}

export type QuotaGate = ReturnType<typeof createQuotaGate>;

function checked(windows: readonly QuotaWindow[], name: string): readonly QuotaWindow[] {
  const bad = windows.find((w) => !(Number.isInteger(w?.limit) && w.limit >= 1 && w.intervalMs > 0));
  if (bad !== undefined || windows.length === 0) {
    throw new Error(`quota: ${name} must be windows { limit >= 1, intervalMs > 0 }, got ${JSON.stringify(windows)}`);
  }
  return windows;
}
