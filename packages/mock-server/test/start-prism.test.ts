import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
// The built package, as users (and the fixture scripts) load it: Prism runs under its compiled launcher
// (so this package type-checks after its build; see turbo.json).
import { freePort, MockStartError, startPrism } from "../dist/index.js";
import { GATE_PATHS, specSubset } from "./spec-subset.js";

const headers = { "STATSIG-API-KEY": "console-test" };
// Tests about the process start Prism on the gates' paths only; one test serves the whole overlaid spec.
const gatesSpec = specSubset(GATE_PATHS);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Runs a fixture script (it imports the built package) and resolves with the URL it prints. */
function runFixture(name: string): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [new URL(`./fixtures/${name}`, import.meta.url).pathname], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, MOCK_TEST_SPEC: gatesSpec },
  });
  children.push(child);
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /URL (\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) => reject(new Error(`fixture exited (${code}) before printing its URL:\n${output}`)));
  });
  return { child, url, output: () => output };
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

/** Polls until nothing listens at `url` any more; false if something still does after `attempts` tries. */
async function goneEventually(url: string, attempts = 100): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const answered = await fetch(`${url}/console/v1/gates`, { headers, signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (!answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe("startPrism", () => {
  test("serves the overlaid spec on a loopback port and stops for good", async () => {
    const mock = await startPrism();
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${mock.url}/console/v1/gates?page=1&limit=10`, { headers });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    } finally {
      await mock.stop();
      await mock.stop();
    }
    await expect(fetch(`${mock.url}/console/v1/gates`)).rejects.toThrow();
  });

  test("IPv6 loopback: the URL brackets the address and works as a base URL", async () => {
    const mock = await startPrism({ host: "::1", spec: gatesSpec });
    try {
      expect(mock.url).toBe(`http://[::1]:${mock.port}`);
      expect((await fetch(`${mock.url}/console/v1/gates?page=1&limit=1`, { headers })).status).toBe(200);
    } finally {
      await mock.stop();
    }
  });

  test("a bad spec: one line with Prism's reason, its output kept on the error", async () => {
    const spec = join(tmpdir(), `not-a-spec-${process.pid}.json`);
    writeFileSync(spec, JSON.stringify({ hello: "world" }));
    const error = await startPrism({ spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toBe(`Prism could not mock ${spec}: Unsupported document format`);
    expect((error as MockStartError).log.length).toBeGreaterThan(0);
  });

  test("quota without stateful: one line, nothing started", async () => {
    const error = await startPrism({ quota: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toBe("quota needs stateful: true (the stateless mock keeps no count)");
  });

  test("a host that is not this machine's: one line naming it, and no Prism started", async () => {
    const error = await startPrism({ host: "192.0.2.1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toBe("192.0.2.1 is not an address of this machine");
  });

  test("no answer in time: one line, and the half-started Prism is stopped", async () => {
    const port = await freePort();
    const error = await startPrism({ port, startupTimeoutMs: 1, spec: gatesSpec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toBe("Prism did not answer within 1 ms");
    expect(await goneEventually(`http://127.0.0.1:${port}`)).toBe(true);
  });

  test("a port already in use: one line naming it", async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const error = await startPrism({ port, spec: gatesSpec }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockStartError);
      expect((error as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe("the mock never outlives the process that started it", () => {
  test("a parent killed with SIGKILL takes Prism with it", async () => {
    const fixture = runFixture("start-and-wait.mjs");
    const url = await fixture.url;
    expect((await fetch(`${url}/console/v1/gates?page=1&limit=1`, { headers })).status).toBe(200);
    fixture.child.kill("SIGKILL");
    await exitOf(fixture.child);
    expect(await goneEventually(url)).toBe(true);
  });

  test("a script that never calls stop() still ends, and Prism with it", async () => {
    const fixture = runFixture("start-and-return.mjs");
    const url = await fixture.url;
    expect(await exitOf(fixture.child)).toBe(0);
    expect(fixture.output()).toContain(`URL ${url} 200`);
    expect(await goneEventually(url)).toBe(true);
  });

  test("an app's own SIGINT handler runs once, with the mock still up, and decides when to stop it", async () => {
    const fixture = runFixture("sigint-app.mjs");
    const url = await fixture.url;
    fixture.child.kill("SIGINT");
    expect(await exitOf(fixture.child)).toBe(0);
    expect(fixture.output().match(/handler ran/g)).toHaveLength(1);
    expect(fixture.output()).toContain("handler ran; mock answered 200");
    expect(await goneEventually(url)).toBe(true);
  });
});
