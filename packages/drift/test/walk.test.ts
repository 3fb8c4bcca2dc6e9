import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DriftResult, runDrift, walkPlan } from "../src/index.js";
import { type Answer, type ApiServer, json, startApiServer } from "./api-server.js";
import { plantDrift } from "./drifted-api.js";

const KEY = "console-drift-test-key-7f3a9c";
const fastRetries = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
let outRoot: string;

beforeAll(async () => {
  outRoot = await mkdtemp(join(tmpdir(), "drift-walk-"));
});
afterAll(async () => {
  await rm(outRoot, { recursive: true, force: true });
});

async function run(server: ApiServer, extra: Partial<Parameters<typeof runDrift>[0]> = {}) {
  const outDir = await mkdtemp(join(outRoot, "out-"));
  const result = await runDrift({
    apiKey: KEY,
    baseUrl: server.url,
    outDir,
    client: fastRetries,
    date: "2026-12-05",
    ...extra,
  });
  return { result, outDir };
}

/** Everything a run wrote, as text: what must never hold the key. */
async function outputs(outDir: string): Promise<string> {
  const files = await readdir(outDir);
  return (await Promise.all(files.map((f) => readFile(join(outDir, f), "utf8")))).join("\n");
}

describe("against an API that answers exactly what the overlaid spec declares", () => {
  let server: ApiServer;
  let walked: { result: DriftResult; outDir: string };
  beforeAll(async () => {
    server = await startApiServer({ key: KEY });
    walked = await run(server, { maxItems: 2, maxPages: 2 });
  });
  afterAll(() => server.close());

  test("0 findings, exit 0: every list of the walk read (two pages where paginated), items through their lists", () => {
    const { result } = walked;
    expect(result.report?.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
    const called = new Set(result.report?.requests.map((r) => r.path));
    for (const step of walkPlan) expect(called.has(step.path), step.path).toBe(true);
    const itemSteps = walkPlan.filter((step) => step.item);
    expect(itemSteps.some((step) => called.has(step.item?.path as string))).toBe(true);
    const gates = result.report?.requests.find((r) => r.path === "/console/v1/gates");
    expect(gates?.count).toBe(2);
  });

  test("only GETs, only templates in the report, and the key in none of the files", async () => {
    expect(server.mutations()).toBe(0);
    expect(server.requests.every((r) => r.method === "GET")).toBe(true);
    for (const r of walked.result.report?.requests ?? [])
      expect(walkPlan.some((s) => s.path === r.path || s.item?.path === r.path)).toBe(true);
    expect(await outputs(walked.outDir)).not.toContain(KEY);
  });
});

describe("against a drifted API", () => {
  let server: ApiServer;
  let walked: { result: DriftResult; outDir: string };
  beforeAll(async () => {
    server = await startApiServer({ key: KEY, plant: plantDrift });
    walked = await run(server, { maxItems: 2, maxPages: 2, operations: plantDrift.operations });
  });
  afterAll(() => server.close());

  test("each planted difference is reported once, at its pointer, with its kind", () => {
    const findings = walked.result.report?.findings ?? [];
    const seen = findings.map((f) => [`${f.method} ${f.path} ${f.status}`, f.pointer, f.kind, f.received]);
    expect(seen).toEqual(expect.arrayContaining(plantDrift.expected));
    // Each exactly once (the report merges repeats into a count), and nothing that was not planted.
    expect(seen).toHaveLength(plantDrift.expected.length);
    expect(walked.result.exitCode).toBe(1);
  });

  test("a 403 is not a finding: the operation is listed as not visible to this key", () => {
    expect(walked.result.report?.notVisible).toEqual([{ method: "GET", path: plantDrift.forbidden }]);
  });

  test("a 500 after the client's retries is a failed request in the report, not a finding", () => {
    expect(walked.result.report?.requests).toContainEqual({
      method: "GET",
      path: "/console/v1/segments",
      status: 500,
      count: 1,
    });
    expect(walked.result.report?.findings.some((f) => f.path === "/console/v1/segments")).toBe(false);
    expect(walked.result.failed).toBe(1);
  });

  test("no mutation reached the server and the key is in no output", async () => {
    expect(server.mutations()).toBe(0);
    expect(await outputs(walked.outDir)).not.toContain(KEY);
  });

  test("with the report as baseline the same drift is not new: exit 0, the findings still listed", async () => {
    const baselineFile = join(walked.outDir, "drift-report.json");
    const again = await run(server, { maxItems: 2, maxPages: 2, operations: plantDrift.operations, baselineFile });
    expect(again.result.exitCode).toBe(0);
    expect(again.result.report?.findings.length).toBe(walked.result.report?.findings.length);
    expect(await readFile(join(again.outDir, "drift-report.md"), "utf8")).toMatch(/findings \(0 new\)/);
  });
});

test("an API that echoes the key back (here as an enum value) still never gets it into a file", async () => {
  const server = await startApiServer({
    key: KEY,
    plant: (template, _page, answer) => {
      if (template === "/console/v1/gates") {
        const gate = (answer.body as { data: { rules: { conditions: { type: string }[] }[] }[] }).data[0];
        const condition = gate?.rules[0]?.conditions[0];
        if (condition) condition.type = `echo ${KEY}`;
      }
      return answer;
    },
  });
  try {
    const { result, outDir } = await run(server, { operations: ["/console/v1/gates"] });
    expect(result.report?.findings).toContainEqual(
      expect.objectContaining({ kind: "enum-value", received: "echo [redacted]" }),
    );
    expect(await outputs(outDir)).not.toContain(KEY);
  } finally {
    await server.close();
  }
});

test("a redirect to another origin is the API's answer (an undeclared status), not a reason to judge that origin", async () => {
  const other = await startApiServer({ key: "another-origin-key" });
  const server = await startApiServer({
    key: KEY,
    plant: (template, _page, answer) =>
      template === "/console/v1/gates"
        ? { status: 307, contentType: "text/plain", body: "", headers: { location: `${other.url}/console/v1/gates` } }
        : answer,
  });
  try {
    const { result } = await run(server, { operations: ["/console/v1/gates", "/console/v1/company"] });
    expect(other.requests).toEqual([]);
    expect(result.report?.findings).toContainEqual(
      expect.objectContaining({ method: "GET", path: "/console/v1/gates", status: 307, kind: "status" }),
    );
    expect(result.exitCode).toBe(1);
  } finally {
    await server.close();
    await other.close();
  }
});

test("a redirect on the API's own origin (a trailing slash) is followed, and its answer compared", async () => {
  const server = await startApiServer({
    key: KEY,
    // The first request is moved (to the same path with another query, as a trailing slash would be): the second answers.
    plant: (template, page, answer) =>
      template === "/console/v1/company" && page !== 7
        ? { status: 308, contentType: "text/plain", body: "", headers: { location: "/console/v1/company?page=7" } }
        : answer,
  });
  try {
    const { result } = await run(server, { operations: ["/console/v1/company"] });
    expect(server.requests.map((r) => r.path)).toEqual(["/console/v1/company", "/console/v1/company"]);
    expect(result.exitCode).toBe(0);
    expect(result.report?.findings).toEqual([]);
    expect(result.report?.requests).toContainEqual(
      expect.objectContaining({ path: "/console/v1/company", status: 200 }),
    );
  } finally {
    await server.close();
  }
});

describe("runs that cannot be trusted stop with exit 2 and one reason", () => {
  test("a refused key (401)", async () => {
    const server = await startApiServer({ key: "another key" });
    try {
      const { result, outDir } = await run(server);
      expect(result).toMatchObject({ exitCode: 2, reason: expect.stringMatching(/refused the key \(401\)/) });
      expect(await readdir(outDir)).toEqual([]);
      expect(server.mutations()).toBe(0);
    } finally {
      await server.close();
    }
  });

  test("an API that cannot be reached", async () => {
    const server = await startApiServer({ key: KEY });
    await server.close();
    const outDir = await mkdtemp(join(outRoot, "out-"));
    const result = await runDrift({ apiKey: KEY, baseUrl: server.url, outDir, client: fastRetries });
    expect(result).toMatchObject({ exitCode: 2, reason: expect.stringMatching(/^cannot reach the API/) });
    expect(result.reason).not.toContain(KEY);
  });

  test.each([
    [500, "a 5xx"],
    [429, "a 429 that outlasts the retries"],
  ])("more than half of the requests failing after retries: %s (%s)", async (status) => {
    const failing: Answer = json(status, { status, message: "boom" });
    const server = await startApiServer({ key: KEY, plant: () => failing, headers: { "retry-after": "0" } });
    try {
      const { result } = await run(server, { operations: ["/console/v1/gates", "/console/v1/segments"] });
      expect(result).toMatchObject({ exitCode: 2, reason: expect.stringMatching(/requests failed after retries/) });
      // Retried (GET is safe to repeat): three attempts per request.
      expect(server.requests.length).toBe(6);
    } finally {
      await server.close();
    }
  });

  test("nothing compared (every answer a 403 or a 404: another project, a wrong --base-url)", async () => {
    const server = await startApiServer({
      key: KEY,
      plant: () => json(404, { status: 404, message: "no such route" }),
    });
    try {
      const { result } = await run(server, { operations: ["/console/v1/gates", "/console/v1/segments"] });
      expect(result).toMatchObject({
        exitCode: 2,
        reason: expect.stringMatching(/^nothing was compared: .*answers: 404/),
      });
    } finally {
      await server.close();
    }
  });

  test("bad usage is refused before any request", async () => {
    await expect(run({ url: "http://statsig.example" } as ApiServer)).rejects.toThrow(/--base-url must be https/);
    await expect(run({ url: "http://127.0.0.1:9" } as ApiServer, { operations: [" ", ""] })).rejects.toThrow(
      /--operations: no operation named/,
    );
    await expect(run({ url: "http://127.0.0.1:9" } as ApiServer, { operations: ["/console/v1/nope"] })).rejects.toThrow(
      /--operations: \/console\/v1\/nope is not in the walk/,
    );
    await expect(run({ url: "http://127.0.0.1:9" } as ApiServer, { maxItems: 0 })).rejects.toThrow(/--max-items/);
  });
});
