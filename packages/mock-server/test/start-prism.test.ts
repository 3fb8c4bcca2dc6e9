import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
// The built package, as users (and the fixture scripts) load it: Prism runs under its compiled launcher
// (so this package type-checks after its build; see turbo.json).
import { freePort, MockStartError, startPrism } from "../dist/index.js";
import { gatesSpec, goneEventually, headers } from "./process-helpers.js";

// The process's lifetime (signals, a parent killed, IPv6) is tested in test-long/ (`pnpm test:spec-flow`): each of
// those starts Prism once more, which a loaded 2-core machine pays for in the Prism suites' lane.
describe("startPrism", () => {
  test("serves the overlaid spec on a loopback port (port 0: any free one, named in the URL) and stops for good", async () => {
    const mock = await startPrism({ port: 0 });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
      const response = await fetch(`${mock.url}/console/v1/gates?page=1&limit=10`, { headers });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    } finally {
      await mock.stop();
      await mock.stop();
    }
    await expect(fetch(`${mock.url}/console/v1/gates`)).rejects.toThrow();
  });

  test("a bad spec: one line with Prism's reason, its output kept on the error", async () => {
    const spec = join(tmpdir(), `not-a-spec-${process.pid}.json`);
    writeFileSync(spec, JSON.stringify({ hello: "world" }));
    const error = await startPrism({ spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toBe(`Prism could not mock ${spec}: Unsupported document format`);
    expect((error as MockStartError).log.length).toBeGreaterThan(0);
  });

  test.each([[{ dynamic: true }], [{ seed: "s1" }], [{ ignoreExamples: true }]])(
    "stateful with %j, which prism proxy cannot take: one line, nothing started",
    async (option) => {
      const error = await startPrism({ stateful: true, ...option }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockStartError);
      expect((error as Error).message).toMatch(/^(dynamic|seed|ignoreExamples): stateless mock only/);
    },
  );

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
