import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { describe, expect, inject, test } from "vitest";
import { ensureGate, gateSummary } from "../src/gates.js";

/**
 * A client for the mock. `prefer` picks, per request method, a status for Prism to answer with
 * (`Prefer: code=...`): that is how these tests reach the branches the real API takes only sometimes.
 * `staticExamples` asks for the spec's own examples instead of bodies generated from the schemas.
 */
function clientFor(prefer: Partial<Record<string, number>> = {}, staticExamples = false) {
  return createStatsigConsoleClient({
    apiKey: "console-consumer-example",
    baseUrl: inject("statsigUrl"),
    retry: false, // the code under test decides what a 429 means
    fetch: (request: Request) => {
      const status = prefer[request.method];
      if (status !== undefined) request.headers.set("Prefer", `code=${status}`);
      if (staticExamples) request.headers.set("Prefer", "dynamic=false");
      return fetch(request);
    },
  });
}

describe("ensureGate", () => {
  test("an existing gate is left alone", async () => {
    expect(await ensureGate(clientFor(), "checkout")).toEqual({ gate: "checkout", outcome: "exists" });
  });

  test("a 404 on the read creates the gate", async () => {
    expect(await ensureGate(clientFor({ GET: 404 }), "checkout")).toEqual({ gate: "checkout", outcome: "created" });
  });

  test("a 429 on the create defers instead of failing the sync", async () => {
    expect(await ensureGate(clientFor({ GET: 404, POST: 429 }), "checkout")).toMatchObject({
      gate: "checkout",
      outcome: "deferred",
    });
  });

  test("a 500 is not swallowed", async () => {
    await expect(ensureGate(clientFor({ GET: 500 }), "checkout")).rejects.toMatchObject({
      name: "InternalServerError",
      status: 500,
    });
  });
});

describe("gateSummary", () => {
  test("walks the pages and keeps the enabled gates' names", async () => {
    // The spec's example list: a generated one is the same body on every page (one seed), and names a next page.
    const { total, enabled } = await gateSummary(clientFor({}, true));
    expect(total).toBeGreaterThan(0);
    expect(enabled.length).toBeLessThanOrEqual(total);
    expect(enabled.every((name) => typeof name === "string")).toBe(true);
  });
});
