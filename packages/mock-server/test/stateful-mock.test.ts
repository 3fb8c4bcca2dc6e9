import { expect, test } from "vitest";
// The built package, as users load it (Prism runs under its compiled launcher).
import { defaultSpecPath } from "../dist/index.js";
import { startStatefulMock } from "../dist/stateful-mock.js";
import { families } from "../src/generated/families.js";
import { GATE_PATHS, specSubset } from "./spec-subset.js";

// The flows through the real client are in packages/contract-tests (the client's own tests use this package).
type Json = Record<string, unknown>;

test("an answer the spec does not allow is never served unnoticed: Prism flags it", async () => {
  const broken = families.map((family) =>
    family.name === "gates" ? { ...family, template: { ...(family.template as Json), isEnabled: "yes" } } : family,
  );
  const strict = await startStatefulMock({ families: broken, spec: specSubset(GATE_PATHS) });
  try {
    const response = await fetch(`${strict.url}/console/v1/gates`, {
      method: "POST",
      headers: { "STATSIG-API-KEY": "console-stateful-test", "content-type": "application/json" },
      body: JSON.stringify({ name: "broken_gate" }),
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("sl-violations") ?? (await response.text())).toMatch(/isEnabled/);
    // The in-memory API did answer: the violation is Prism's finding, not a missing route.
    expect(strict.requests()).toEqual([{ method: "POST", path: "/console/v1/gates", status: 201 }]);
  } finally {
    await strict.stop();
  }
});

test("the fault front answers 502 when what it fronts does not answer, and refuses a fault for an unknown path", async () => {
  const { startFaultFront } = await import("../dist/fault-front.js");
  const { readFileSync } = await import("node:fs");
  const paths = Object.keys(JSON.parse(readFileSync(defaultSpecPath(), "utf8")).paths);
  const closed = await startFaultFront("http://127.0.0.1:9", paths);
  try {
    expect((await fetch(`${closed.url}/console/v1/gates`)).status).toBe(502);
    expect(() => closed.inject({ method: "GET", path: "/console/v1/nope", fault: "reset" })).toThrow(
      /not a path of the spec/,
    );
  } finally {
    await closed.stop();
  }
});

test("a stateful mock that cannot take its port says so in one line and leaves nothing running", async () => {
  const { createServer } = await import("node:net");
  const { readdirSync, readFileSync } = await import("node:fs");
  const { MockStartError } = await import("../dist/index.js");
  // This process's children, from /proc: the Prism launchers a failed start must not leave behind.
  const children = () =>
    readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(process.pid);
        } catch {
          return false; // gone meanwhile
        }
      });
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  const { port } = taken.address() as { port: number };
  try {
    const before = children();
    const error = await startStatefulMock({ port, spec: specSubset(GATE_PATHS) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use`);
    expect(children()).toEqual(before);
  } finally {
    taken.close();
  }
});

test("a YAML spec, which the stateful front cannot read, is refused in one line before anything starts", async () => {
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { MockStartError } = await import("../dist/index.js");
  const dir = mkdtempSync(join(tmpdir(), "yaml-spec-"));
  const spec = join(dir, "spec.yaml");
  writeFileSync(spec, "openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths: {}\n");
  try {
    const error = await startStatefulMock({ spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toMatch(new RegExp(`reads its spec as JSON, and ${spec} is not JSON`));
  } finally {
    rmSync(dir, { recursive: true });
  }
});
