import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { operationCatalogue } from "@org/statsig-console-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Report, Thrown } from "../src/scenarios.js";
import { createProject, type Project } from "./project.js";
import { RUNTIMES, type Runtime } from "./runtimes.js";
import { refusedUrl, type Seen, startTestServer, type TestServer } from "./server.js";

/**
 * What differs per runtime, as observed; the README's runtime table says the same. Everything else
 * (typed GET, POST, 404 -> NotFoundError, 429 + Retry-After retried, paginate, abort) is asserted equal everywhere.
 */
interface Differences {
  /** "followed": a 301 is followed by hand; "hidden": fetch gives an opaque redirect, the call fails. */
  redirect: "followed" | "hidden";
  /**
   * A refused connection is recognisable as "never sent" (an ECONNREFUSED code on the error): then a POST is
   * retried and the error says mayHaveBeenApplied: false. Elsewhere fetch's error carries no code, so the client
   * cannot tell a refused connection from a reset one and must assume the request may have arrived.
   */
  refusedIsKnown: boolean;
  /** A call to another origin that sends no CORS headers: "allowed", or "blocked" by the browser's preflight. */
  crossOrigin: "allowed" | "blocked";
}

const EXPECTED: Record<Runtime["name"], Differences> = {
  node: { redirect: "followed", refusedIsKnown: true, crossOrigin: "allowed" },
  bun: { redirect: "followed", refusedIsKnown: true, crossOrigin: "allowed" },
  deno: { redirect: "followed", refusedIsKnown: false, crossOrigin: "allowed" },
  chromium: { redirect: "hidden", refusedIsKnown: false, crossOrigin: "blocked" },
  workerd: { redirect: "followed", refusedIsKnown: false, crossOrigin: "allowed" },
};

/** In CI every runtime must run: a missing one fails instead of skipping. */
const inCI = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";

const scratch = mkdtempSync(join(tmpdir(), "runtime-matrix-"));
let project: Project | undefined;
const anyRuns = RUNTIMES.some((runtime) => !runtime.missing) || inCI;
beforeAll(async () => {
  if (anyRuns) project = await createProject(scratch);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const api = (seen: Seen[]) => seen.filter((s) => s.url.startsWith("/console/"));
const connectionError = (message: RegExp, mayHaveBeenApplied: boolean): Thrown =>
  expect.objectContaining({
    name: "ConnectionError",
    isStatsigError: true,
    isConnectionError: true,
    message: expect.stringMatching(message),
    mayHaveBeenApplied,
  });

describe.each(RUNTIMES.map((runtime) => [runtime.name, runtime] as const))("%s", (name, runtime) => {
  const expected = EXPECTED[name];
  let server: TestServer;
  let other: TestServer;
  let report: Report;
  const skipReason = !inCI ? runtime.missing : undefined;

  beforeAll(async () => {
    if (skipReason) return;
    if (runtime.missing) throw new Error(`CI must run every runtime: ${runtime.missing}`);
    const { modulesDir, scenarios } = project as Project;
    server = await startTestServer({ modulesDir, scenarios });
    other = await startTestServer({ modulesDir, scenarios });
    report = await runtime.run(project as Project, {
      base: server.url,
      otherOrigin: other.url,
      refused: await refusedUrl(),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await other?.stop();
  });

  // Each check either runs on this runtime's report or says why the runtime is absent here.
  const check = (title: string, fn: () => void) =>
    test(title, (context) => {
      if (skipReason) context.skip(skipReason);
      fn();
    });

  check("loads the packed client and types (the runtime catalogue too)", () => {
    expect(report.catalogueOperations).toBe(operationCatalogue.length);
  });

  check("GET: typed data, with the key and API version headers", () => {
    expect(report.get).toEqual({ status: 200, id: "checkout", isEnabled: true, description: "the checkout gate" });
    const read = api(server.seen).find((s) => s.url === "/console/v1/gates/checkout");
    expect(read?.headers["statsig-api-key"]).toBe("console-runtime-matrix-key");
    expect(read?.headers["statsig-api-version"]).toBe("20240601");
  });

  check("POST: the JSON body arrives, the created gate comes back through unwrap", () => {
    expect(report.post).toEqual({ id: "new_checkout" });
    const created = api(server.seen).find((s) => s.method === "POST" && s.body.includes("new_checkout"));
    expect(JSON.parse(created?.body ?? "null")).toEqual({ name: "new_checkout", description: "d" });
    expect(created?.headers["content-type"]).toMatch(/^application\/json/);
  });

  check("404 -> NotFoundError through unwrap, with the server's message", () => {
    expect(report.notFound).toEqual({
      isNotFoundError: true,
      status: 404,
      serverMessage: "Gate not found: missing",
      mayHaveBeenApplied: false,
    });
  });

  check("429 with Retry-After: 0 is retried after 0 ms (the header is read), then succeeds", () => {
    expect(report.rateLimited).toEqual({
      status: 201,
      id: "rate_limited_once",
      retries: [{ reason: "429", delayMs: 0 }],
      retryAfterMs: [0],
    });
    expect(api(server.seen).filter((s) => s.body.includes("rate_limited_once"))).toHaveLength(2);
  });

  check(`redirect (301): ${expected.redirect}`, () => {
    const hops = api(server.seen)
      .filter((s) => /old_name|new_name/.test(s.url))
      .map((s) => s.url);
    if (expected.redirect === "followed") {
      expect(report.redirect).toEqual({ status: 200, id: "new_name" });
      expect(hops).toEqual(["/console/v1/gates/old_name", "/console/v1/gates/new_name"]);
    } else {
      // fetch's redirect: "manual" gives an opaque response: no status, no Location, so the client cannot follow.
      expect(report.redirect).toEqual({
        error: connectionError(/was redirected where this runtime hides$/, true),
      });
      expect(hops).toEqual(["/console/v1/gates/old_name"]);
    }
  });

  check("paginate walks both pages", () => {
    expect(report.paginate).toEqual({ ids: ["alpha", "beta", "gamma"] });
    const pages = api(server.seen)
      .filter((s) => s.url.startsWith("/console/v1/gates?"))
      .map((s) => new URL(s.url, "http://x").searchParams.get("page"));
    expect(pages).toEqual(["1", "2"]);
  });

  check("abort via signal while the server holds the request: AbortError with the caller's reason", () => {
    expect(report.abort).toEqual({
      error: expect.objectContaining({ name: "AbortError", isStatsigError: true, mayHaveBeenApplied: true }),
      causeIsReason: true,
    });
    // The request really was in flight, and the runtime dropped it.
    expect(api(server.seen).find((s) => s.url === "/console/v1/gates/hang")?.abandoned).toBe(true);
  });

  check(`refused connection, POST: ${expected.refusedIsKnown ? "retried (nothing was sent)" : "not retried"}`, () => {
    expect(report.refusedPost).toEqual(
      expected.refusedIsKnown
        ? { retries: 1, error: connectionError(/ECONNREFUSED/, false) }
        : { retries: 0, error: connectionError(/failed: /, true) },
    );
  });

  check("refused connection, GET: retried everywhere", () => {
    expect(report.refusedGet).toEqual({
      retries: 1,
      error: connectionError(expected.refusedIsKnown ? /ECONNREFUSED/ : /failed: /, !expected.refusedIsKnown),
    });
  });

  check(`another origin without CORS headers: ${expected.crossOrigin}`, () => {
    const seen = api(other.seen).map((s) => s.method);
    if (expected.crossOrigin === "allowed") {
      expect(report.crossOrigin).toEqual({ status: 200 });
      expect(seen).toEqual(["GET"]);
    } else {
      // The key header makes it a preflighted request; the preflight gets no Access-Control-Allow-* answer.
      expect(report.crossOrigin).toEqual({ error: connectionError(/failed: /, true) });
      expect(seen).toEqual(["OPTIONS"]);
    }
  });
});
