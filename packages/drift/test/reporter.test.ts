import { execFile } from "node:child_process";
import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Finding } from "../src/index.js";
import { driftReporter } from "../src/reporter.js";
import { type ApiServer, startApiServer } from "./api-server.js";
import { plantDrift } from "./drifted-api.js";

const KEY = "console-drift-reporter-key-88d1";
let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer({ key: KEY, plant: plantDrift });
});
afterAll(() => server.close());

describe("validateResponses: driftReporter({ onDrift })", () => {
  test("calls answer as without it; the findings of each drifted answer reach onDrift, enum values included", async () => {
    const seen: Finding[][] = [];
    const reporter = driftReporter({ onDrift: (findings) => seen.push(findings) });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, validateResponses: reporter });
    const plain = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url });

    const item = await client.GET("/console/v1/gates/{id}", { params: { path: { id: "a_gate" } } });
    const same = await plain.GET("/console/v1/gates/{id}", { params: { path: { id: "a_gate" } } });
    expect(item.data).toEqual(same.data);
    await client.GET("/console/v1/gates", { params: { query: { page: 2 } } });
    await reporter.flush();

    expect(seen).toHaveLength(2);
    expect(seen[0]?.map((f) => [f.pointer, f.kind]).sort()).toEqual(
      plantDrift.expected
        .filter(([operation]) => operation === "GET /console/v1/gates/{id} 200")
        .map(([, pointer, kind]) => [pointer, kind])
        .sort(),
    );
    expect(seen[1]).toEqual([
      expect.objectContaining({
        path: "/console/v1/gates",
        kind: "enum-value",
        received: plantDrift.expected.find(([, , kind]) => kind === "enum-value")?.[3],
      }),
    ]);
    expect(server.mutations()).toBe(0);
  });

  test("an onDrift that rejects is dropped too (no unhandled rejection)", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      let calls = 0;
      const reporter = driftReporter({
        onDrift: async () => {
          calls++;
          throw new Error("an async handler that fails");
        },
      });
      const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, validateResponses: reporter });
      await client.GET("/console/v1/gates/{id}", { params: { path: { id: "a_gate" } } });
      await reporter.flush();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(calls).toBe(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });

  test("it never throws into a call: an onDrift that throws is dropped; text and streams are not read", async () => {
    let calls = 0;
    const reporter = driftReporter({
      onDrift: () => {
        calls++;
        throw new Error("a careless handler");
      },
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, validateResponses: reporter });
    const result = await client.GET("/console/v1/gates/{id}", { params: { path: { id: "a_gate" } } });
    await reporter.flush();
    expect(result.response.status).toBe(200);
    expect(calls).toBe(1);
    const text = await client.GET("/console/v1/gates/{id}", { params: { path: { id: "a_gate" } }, parseAs: "text" });
    await reporter.flush();
    expect(typeof text.data).toBe("string");
    expect(calls).toBe(1);
  });

  test("runs where code generation from strings is refused (workerd, strict CSPs): its validators are compiled ahead of time", async () => {
    const reporterUrl = new URL("../dist/reporter.js", import.meta.url).href;
    const program = `
      let refused = false;
      try { new Function("return 1"); } catch { refused = true; }
      const { driftReporter } = await import(${JSON.stringify(reporterUrl)});
      const seen = [];
      const reporter = driftReporter({ onDrift: (f) => seen.push(...f) });
      const response = new Response(JSON.stringify({ message: "ok", data: { id: 5 } }), {
        headers: { "content-type": "application/json" },
      });
      reporter.onResponse({ request: new Request("http://x/console/v1/gates/a"), response, schemaPath: "/console/v1/gates/{id}" });
      await reporter.flush();
      console.log(JSON.stringify({ refused, kinds: [...new Set(seen.map((f) => f.kind))].sort() }));
    `;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--disallow-code-generation-from-strings", "--input-type=module", "-e", program],
        (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
      ),
    );
    const { refused, kinds } = JSON.parse(output) as { refused: boolean; kinds: string[] };
    expect(refused).toBe(true);
    expect(kinds).toEqual(expect.arrayContaining(["missing-required", "type"]));
  });
});
