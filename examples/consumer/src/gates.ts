// The code under test: what a team automating Statsig would write on top of the client.
import {
  NotFoundError,
  paginate,
  RateLimitError,
  type StatsigConsoleClient,
  unwrap,
} from "@org/statsig-console-client";
import type { components } from "@org/statsig-console-types";

/** A rule as a create takes it. */
export type GateRule = NonNullable<components["schemas"]["GateCreateDto"]["rules"]>[number];

export type EnsureResult =
  | { gate: string; outcome: "exists" | "created" }
  | { gate: string; outcome: "deferred"; retryAfterMs?: number };

/**
 * Makes sure a gate exists: reads it, creates it (with `rules`) when the API says it does not exist, and defers
 * (instead of failing the whole sync) when the project's mutation quota is exhausted.
 */
export async function ensureGate(
  client: StatsigConsoleClient,
  name: string,
  rules: GateRule[] = [],
): Promise<EnsureResult> {
  try {
    await unwrap(client.GET("/console/v1/gates/{id}", { params: { path: { id: name } } }));
    return { gate: name, outcome: "exists" };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  try {
    await unwrap(client.POST("/console/v1/gates", { body: { name, description: "managed by gate-sync", rules } }));
    return { gate: name, outcome: "created" };
  } catch (error) {
    if (error instanceof RateLimitError) return { gate: name, outcome: "deferred", retryAfterMs: error.retryAfterMs };
    throw error;
  }
}

/** How many gates there are, and the names of the enabled ones, across all pages. */
export async function gateSummary(client: StatsigConsoleClient): Promise<{ total: number; enabled: string[] }> {
  let total = 0;
  const enabled: string[] = [];
  const pages = paginate(client, "/console/v1/gates", { params: { query: { limit: 50 } } }, { maxPages: 3 });
  for await (const gate of pages) {
    total++;
    if (gate.isEnabled && gate.name) enabled.push(gate.name);
  }
  return { total, enabled };
}
