import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { updateSpec } from "../src/index.js";
import { type Json, scratch, scratchRepo, snapshot, someGet, specCurrent, vendored } from "./spec-update-helpers.js";

const cliPath = new URL("../dist/spec-cli.js", import.meta.url).pathname;
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliPath, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the command lines", () => {
  const codegenCli = new URL("../dist/cli.js", import.meta.url).pathname;
  async function generateCli(...args: string[]) {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [codegenCli, ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  test.each([
    ["spec", cli],
    ["statsig-codegen", generateCli],
  ] as const)(
    "%s: --help prints the usage; an unknown option is one line naming it, then the usage, exit 2",
    async (name, run) => {
      const help = await run("--help");
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^usage: /);
      const unknown = await run("--no-such-option");
      expect(unknown.code).toBe(2);
      const [first, second] = unknown.stderr.split("\n");
      expect(first).toBe(`${name}: Unknown option '--no-such-option'`);
      expect(second).toMatch(/^usage: /);
      expect(unknown.stderr).not.toMatch(/\n\s+at |TypeError/);
    },
  );
});

describe("spec:update", () => {
  test("a stale overlay stops it with the overlay file and action named, and leaves the repository as it was", async () => {
    const { root } = scratchRepo("stale");
    writeFileSync(
      join(root, "spec/overlays/99-probe.yaml"),
      'overlay: 1.0.0\ninfo: {title: t, version: "1"}\nactions:\n  - target: "$.components.schemas.NoSuchDto"\n    description: fix NoSuchDto\n    remove: true\n',
    );
    const before = snapshot(root);
    const failure = await cli("update", specCurrent, "--root", root);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/^spec: stale overlay: 99-probe\.yaml action #1 "fix NoSuchDto" .* matches nothing/);
    expect(snapshot(root)).toEqual(before);
  });
});

test("a generated folder that cannot be written leaves the spec and every generated folder as they were", async () => {
  const { root } = scratchRepo("unwritable");
  // A file where the mock's source folder should be: its generated folder cannot be staged, whoever runs this (root too).
  mkdirSync(join(root, "packages/mock-server"), { recursive: true });
  writeFileSync(join(root, "packages/mock-server/src"), "not a folder");
  const before = snapshot(root);
  const doc = vendored();
  const { path, operation } = someGet(doc);
  doc.paths[`${path}_copy_probe`] = { get: { ...operation, operationId: undefined } };
  const plusOne = join(scratch, "plus-one-unwritable.json");
  writeFileSync(plusOne, JSON.stringify(doc));
  const result = await cli("update", plusOne, "--root", root);
  expect(result.code).toBe(1);
  expect(snapshot(root)).toEqual(before);
});

describe("bad input: one line naming what was passed, and nothing in the repository changes", () => {
  const { root } = scratchRepo("bad-input");
  const before = snapshot(root);
  const write = (name: string, content: string) => {
    const file = join(scratch, name);
    writeFileSync(file, content);
    return file;
  };
  const nested = (depth: number) => `{"openapi":"3.0.0","paths":{"/a":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
  const cases: [string, () => string, RegExp][] = [
    ["a missing file", () => join(scratch, "nowhere.json"), /cannot read \S*nowhere\.json \(ENOENT\)/],
    ["invalid JSON", () => write("broken.json", '{"openapi": '), /broken\.json: invalid JSON/],
    ["invalid YAML", () => write("broken.yaml", "openapi: [\n"), /broken\.yaml: invalid YAML/],
    [
      "a document that is not OpenAPI",
      () => write("not-openapi.json", '{"swagger": "2.0", "paths": {}}'),
      /not-openapi\.json \(as published\): expected an OpenAPI 3\.0\/3\.1 document/,
    ],
    [
      "two operations with one operationId",
      () => {
        const doc = vendored();
        const [first, second] = Object.values(doc.paths as Json).flatMap((item) =>
          Object.values(item as Json).filter((op) => op && typeof op === "object" && "responses" in op),
        );
        first.operationId = "sameId";
        second.operationId = "sameId";
        return write("same-operation-id.json", JSON.stringify(doc));
      },
      /operationId "sameId" is used by both \S+ \S+ and \S+ \S+/,
    ],
    [
      "a pathologically nested JSON document",
      () => write("deep.json", nested(100_000)),
      /deep\.json: nested deeper than 200 levels/,
    ],
    [
      "a pathologically nested YAML document",
      () => write("deep.yaml", `openapi: 3.0.0\npaths:\n  /a: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`),
      /deep\.yaml: nested deeper than 200 levels/,
    ],
  ];
  test.each(cases)("%s", async (_label, input, message) => {
    const file = input();
    const result = await cli("update", file, "--root", root);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain(file.split("/").at(-1));
    expect(result.stderr).not.toMatch(/statsig_openapi\.json/);
    expect(snapshot(root)).toEqual(before);
  });

  test("a missing overlays folder is an error naming it (not a silent generation without fixes)", async () => {
    const { root: noOverlays } = scratchRepo("no-overlays");
    rmSync(join(noOverlays, "spec/overlays"), { recursive: true });
    const result = await cli("update", specCurrent, "--root", noOverlays);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read the overlays folder \S*spec\/overlays \(ENOENT\)/);
  });
});

describe("spec:update from a URL", () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.closeAllConnections();
    for (const server of servers) server.close();
  });
  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  test("downloads the spec over HTTP, and names the URL when the download fails", async () => {
    const doc = vendored();
    const { path, operation } = someGet(doc);
    operation.description = "Now documented.";
    const served = JSON.stringify(doc);
    const base = await serve((req, res) => {
      if (req.url === "/openapi/20240601.json") res.writeHead(200, { "content-type": "application/json" }).end(served);
      else res.writeHead(404).end("not found");
    });
    const { layout } = scratchRepo("url");
    const url = `${base}/openapi/20240601.json`;
    const result = await updateSpec(layout, url);
    expect(readFileSync(layout.specFile, "utf8")).toBe(served);
    expect(readFileSync(layout.sourceFile, "utf8")).toContain(`| source | ${url} |`);
    expect(result.changes).toEqual([expect.objectContaining({ level: "patch", path, what: "description changed" })]);
    await expect(updateSpec(layout, `${base}/missing.json`)).rejects.toThrow(
      /cannot download http:\/\/127\.0\.0\.1:\d+\/missing\.json: HTTP 404/,
    );
  });

  test("a URL that never answers (or stalls mid-body) times out with the URL named; the repository is untouched", async () => {
    const base = await serve((req, res) => {
      if (req.url === "/stall-body") res.writeHead(200, { "content-type": "application/json" }).write('{"openapi"');
      // otherwise: never answer
    });
    const { root } = scratchRepo("timeout");
    const before = snapshot(root);
    for (const path of ["/silent", "/stall-body"]) {
      const result = await cli("update", `${base}${path}`, "--root", root, "--timeout-ms", "300");
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`spec: cannot download ${base}${path}: no complete answer within 300 ms`);
    }
    expect((await cli("update", `${base}/silent`, "--root", root, "--timeout-ms", "soon")).stderr).toMatch(
      /--timeout-ms must be a positive number of milliseconds, got soon/,
    );
    expect(snapshot(root)).toEqual(before);
  });
});
