import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { startPrism } from "../dist/index.js";
import { exitOf, gatesSpec, goneEventually, headers, runFixture } from "../test/process-helpers.js";

// A long suite (`pnpm test:spec-flow`): four more Prism starts, each in its own process where the test needs one.
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

describe("startPrism on IPv6", () => {
  test("IPv6 loopback: the URL brackets the address and works as a base URL", async () => {
    const mock = await startPrism({ host: "::1", spec: gatesSpec });
    try {
      expect(mock.url).toBe(`http://[::1]:${mock.port}`);
      expect((await fetch(`${mock.url}/console/v1/gates?page=1&limit=1`, { headers })).status).toBe(200);
    } finally {
      await mock.stop();
    }
  });
});

describe("the mock never outlives the process that started it", () => {
  test("a parent killed with SIGKILL takes Prism with it", async () => {
    const fixture = runFixture("start-and-wait.mjs", children);
    const url = await fixture.url;
    expect((await fetch(`${url}/console/v1/gates?page=1&limit=1`, { headers })).status).toBe(200);
    fixture.child.kill("SIGKILL");
    await exitOf(fixture.child);
    expect(await goneEventually(url)).toBe(true);
  });

  test("a script that never calls stop() still ends, and Prism with it", async () => {
    const fixture = runFixture("start-and-return.mjs", children);
    const url = await fixture.url;
    expect(await exitOf(fixture.child)).toBe(0);
    expect(fixture.output()).toContain(`URL ${url} 200`);
    expect(await goneEventually(url)).toBe(true);
  });

  test("an app's own SIGINT handler runs once, with the mock still up, and decides when to stop it", async () => {
    const fixture = runFixture("sigint-app.mjs", children);
    const url = await fixture.url;
    fixture.child.kill("SIGINT");
    expect(await exitOf(fixture.child)).toBe(0);
    expect(fixture.output().match(/handler ran/g)).toHaveLength(1);
    expect(fixture.output()).toContain("handler ran; mock answered 200");
    expect(await goneEventually(url)).toBe(true);
  });
});
