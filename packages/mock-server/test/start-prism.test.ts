import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { freePort, startPrism } from "../src/index.js";

describe("startPrism", () => {
  test("serves the overlaid spec on a loopback port and stops for good", async () => {
    const mock = await startPrism();
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${mock.url}/console/v1/gates?page=1&limit=10`, {
        headers: { "STATSIG-API-KEY": "console-test" },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    } finally {
      await mock.stop();
      await mock.stop();
    }
    await expect(fetch(`${mock.url}/console/v1/gates`)).rejects.toThrow();
  });

  test("surfaces Prism's error for a bad spec", async () => {
    const spec = join(tmpdir(), `not-a-spec-${process.pid}.json`);
    writeFileSync(spec, JSON.stringify({ hello: "world" }));
    await expect(startPrism({ spec })).rejects.toThrow(/Prism exited before listening .*not-a-spec/s);
  });

  test("surfaces a port that is already in use", async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      await expect(startPrism({ port })).rejects.toThrow(/EADDRINUSE|address already in use/i);
    } finally {
      blocker.close();
    }
  });
});
