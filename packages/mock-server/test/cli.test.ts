import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { expect, test } from "vitest";
import { freePort } from "../dist/index.js";
import { families } from "../src/generated/families.js";
import { GATE_PATHS, specSubset } from "./spec-subset.js";

// The CLI as a consumer in another language runs it: the built bin, its HTTP controls, a signal to stop.
const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const key = { "STATSIG-API-KEY": "console-cli-test", "content-type": "application/json" };
const gates = families.find((family) => family.name === "gates");

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const stderr: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  // "close": the process has exited and its output is all read.
  const exited = once(child, "close").then(([code]) => code as number | null);
  return { child, exited, stderr: () => stderr.join("") };
}

test("--stateful serves the API with its controls over HTTP, loads a file at start, and stops on SIGTERM", async () => {
  if (!gates) throw new Error("the spec has no gates family");
  const dir = mkdtempSync(join(tmpdir(), "mock-cli-"));
  const seeded = { ...(gates.template as object), id: "seeded_gate", name: "seeded_gate" };
  writeFileSync(join(dir, "entities.json"), JSON.stringify({ gates: [seeded] }));
  const port = await freePort();
  // The gates' paths only: Prism starts faster, and the CLI is what is under test here.
  const spec = specSubset(GATE_PATHS);
  const args = ["--stateful", "--port", String(port), "--load", join(dir, "entities.json"), "--spec", spec];
  const { child, exited, stderr } = run(args);
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    expect(line, stderr()).toBe(`statsig-console-mock listening on http://127.0.0.1:${port} (stateful)`);
    const url = `http://127.0.0.1:${port}`;
    const control = (name: string, body?: unknown) =>
      fetch(`${url}/__statsig_mock/${name}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });

    // The file's gate is there, and the API remembers a write.
    expect((await fetch(`${url}/console/v1/gates/seeded_gate`, { headers: key })).status).toBe(200);
    const created = await fetch(`${url}/console/v1/gates`, {
      method: "POST",
      headers: key,
      body: JSON.stringify({ name: "cli_gate" }),
    });
    expect(created.status).toBe(gates.create.status);
    expect((await fetch(`${url}/console/v1/gates/cli_gate`, { headers: key })).status).toBe(200);
    expect(await (await control("requests")).json()).toEqual([
      { method: "GET", path: gates.item, status: 200 },
      { method: "POST", path: gates.collection, status: gates.create.status },
      { method: "GET", path: gates.item, status: 200 },
    ]);

    // A fault by HTTP; a refused one is a 400 with its reason.
    const injected = await control("inject", { method: "DELETE", path: gates.item, fault: "status", status: 503 });
    expect(injected.status).toBe(204);
    expect((await fetch(`${url}/console/v1/gates/cli_gate`, { method: "DELETE", headers: key })).status).toBe(503);
    const refused = await control("inject", { method: "GET", path: gates.item, fault: "explode" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toBe('inject: fault must be "status" or "reset"');
    const badLoad = await control("load", { gates: [{ ...seeded, id: "bad_gate", isEnabled: "yes" }] });
    expect(badLoad.status).toBe(400);
    expect(((await badLoad.json()) as { message: string }).message).toMatch(/^load: gates\[0\] \(bad_gate\) does not/);
    expect((await control("nope")).status).toBe(404);
    const huge = await fetch(`${url}/__statsig_mock/load`, { method: "POST", body: "x".repeat(33 * 1024 * 1024) });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { message: string }).message).toMatch(/^the body is larger than/);

    // A request line no URL parser takes is refused, and the mock keeps serving.
    const { connect } = await import("node:net");
    const raw = connect(port, "127.0.0.1");
    raw.end("GET //[ HTTP/1.1\r\nHost: x\r\n\r\n");
    const [reply] = (await once(raw, "data")) as [Buffer];
    expect(String(reply)).toMatch(/^HTTP\/1\.1 400/);
    raw.destroy();
    expect((await control("requests")).status).toBe(200);

    expect((await control("reset", {})).status).toBe(204);
    expect(await (await control("requests")).json()).toEqual([]);
    expect((await fetch(`${url}/console/v1/gates/cli_gate`, { headers: key })).status).toBe(404);
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  // Stopped means stopped: nothing answers on the port any more.
  await expect(fetch(`http://127.0.0.1:${port}/console/v1/gates`)).rejects.toThrow();
});

test("bad arguments exit 2 with one line, before anything starts", async () => {
  const cases = [
    [["--port", "http"], "--port must be 0..65535"],
    [["--load", "x.json"], "--load needs --stateful"],
    [["--quota"], "--quota needs --stateful"],
    [["--stateful", "--quota-windows", "5/0"], "--quota-windows is LIMIT/MS pairs, e.g. 5/1000,50/60000"],
    [["--stateful", "--load", "/nonexistent/entities.json"], "cannot read /nonexistent/entities.json"],
    [["--verbose"], "Unknown option '--verbose'"],
  ] as const;
  // All at once: each is a short-lived process that starts nothing.
  const runs = cases.map(([args]) => run([...args]));
  for (const [index, [args, reason]] of cases.entries()) {
    const { exited, stderr } = runs[index] as ReturnType<typeof run>;
    expect(await exited, args.join(" ")).toBe(2);
    expect(stderr().split("\n")[0]).toContain(`statsig-console-mock: ${reason}`);
  }
});

test("a spec with a path under the control prefix is refused before anything starts", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mock-cli-"));
  const spec = join(dir, "taken.json");
  const get = { get: { responses: { "200": { description: "ok" } } } };
  writeFileSync(
    spec,
    JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/__statsig_mock/x": get } }),
  );
  const { exited, stderr } = run(["--stateful", "--spec", spec, "--port", "0"]);
  expect(await exited).toBe(2);
  expect(stderr().trim()).toBe(
    "statsig-console-mock: the spec has /__statsig_mock/x, under the mock's control prefix /__statsig_mock/",
  );
});
