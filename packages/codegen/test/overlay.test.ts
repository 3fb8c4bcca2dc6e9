import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  applyOverlay,
  assertOverlay,
  CodegenError,
  loadOverlaidSpec,
  type OverlayCheckpoints,
  parseDocument,
} from "../src/index.js";
import { overlaysDir, specFile } from "./paths.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests walk raw spec JSON by known paths
type Json = Record<string, any>;
const raw = () => JSON.parse(readFileSync(specFile, "utf8")) as Json;
const overlaid = await loadOverlaidSpec({ specFile, overlaysDir });
const fixed = overlaid.spec as Json;
const schemas = (doc: Json) => doc.components.schemas as Json;

function* walk(node: unknown): Generator<Json> {
  if (Array.isArray(node)) for (const child of node) yield* walk(child);
  else if (node && typeof node === "object") {
    yield node as Json;
    for (const child of Object.values(node)) yield* walk(child);
  }
}
const untypedNullables = (doc: Json) => [...walk(doc)].filter((n) => n.nullable === true && !("type" in n)).length;
const pageLimit = (doc: Json) =>
  Object.values(doc.paths as Json)
    .flatMap((item) => Object.values(item as Json))
    .flatMap((op) => ((op as Json).parameters ?? []) as Json[])
    .filter((p) => p.in === "query" && (p.name === "page" || p.name === "limit"));

describe("overlays fix the measured defects", () => {
  test("every action matched something and is named by its description", () => {
    expect(overlaid.applied.length).toBeGreaterThan(0);
    for (const action of overlaid.applied) {
      expect(action.matches, action.description).toBeGreaterThan(0);
      expect(action.description.length).toBeGreaterThan(10);
    }
  });

  test("01: the `nullable` without `type` it targets are gone", () => {
    expect(untypedNullables(raw())).toBeGreaterThan(0);
    expect(untypedNullables(fixed)).toBeLessThan(untypedNullables(raw()));
    const targetValues = [...walk(fixed)].filter((n) => n.properties?.targetValue).map((n) => n.properties.targetValue);
    expect(targetValues.length).toBeGreaterThan(0);
    expect(targetValues.filter((t) => t.nullable === true && !("type" in t))).toEqual([]);
    const targetValue =
      schemas(fixed).GateCreateDto.properties.rules.items.properties.conditions.items.properties.targetValue;
    expect(targetValue.oneOf).toBeUndefined();
    expect(targetValue.anyOf).toContainEqual({ type: "string", nullable: true });
    const source = schemas(fixed).IngestionBackfillContractDto.properties.source;
    expect(source.nullable).toBeUndefined();
    expect(source.oneOf).toContainEqual({ type: "string", nullable: true });
  });

  test("02: page/limit are plain integers >= 1, with no overlapping oneOf", () => {
    expect(pageLimit(raw()).filter((p) => p.schema.oneOf).length).toBeGreaterThan(0);
    expect(pageLimit(fixed).filter((p) => p.schema.oneOf)).toEqual([]);
    const gatesPage = (fixed.paths["/console/v1/gates"].get.parameters as Json[]).find((p) => p.name === "page");
    expect(gatesPage?.schema).toMatchObject({ type: "integer", minimum: 1 });
  });

  test("03: envelopes leave data's shape to the override, and the override requires data", () => {
    expect(schemas(raw()).SingleDataResponse.properties.data.type).toBe("object");
    expect(schemas(fixed).SingleDataResponse.properties.data.type).toBeUndefined();
    expect(schemas(fixed).PaginationResponseWithMessage.properties.data).not.toHaveProperty("type");
    const allOfs = [...walk(fixed.paths)].filter((n) => Array.isArray(n.allOf) && n.allOf[1]?.properties?.data);
    expect(allOfs.length).toBeGreaterThan(0);
    expect(allOfs.every((n) => n.allOf[1].required?.includes("data"))).toBe(true);
  });

  test("04: DELETE /console/v1/segments/{id}/id_list takes { ids }", () => {
    expect(raw().paths["/console/v1/segments/{id}/id_list"].delete.requestBody).toBeUndefined();
    expect(fixed.paths["/console/v1/segments/{id}/id_list"].delete.requestBody).toMatchObject({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/SegmentIDListContractDto" } } },
    });
  });

  test("05: bare `type: object` schemas become open objects", () => {
    expect(schemas(raw()).IngestionDto.properties.data).toEqual({ type: "object" });
    expect(schemas(fixed).IngestionDto.properties.data.additionalProperties).toBe(true);
    expect(schemas(fixed).AlertSchemaDto.properties.metrics.additionalProperties).toBe(true);
  });
});

describe("overlay semantics", () => {
  const overlay = (actions: unknown[]) => {
    const doc = { overlay: "1.0.0", info: { title: "t", version: "1" }, actions };
    assertOverlay(doc, "test.yaml");
    return doc;
  };

  test("update deep-merges objects and appends to arrays; remove deletes array items safely", () => {
    const doc = { a: { b: { c: 1 }, list: [1, 2, 3, 4] } };
    applyOverlay(doc, overlay([{ target: "$.a.b", description: "merge", update: { d: 2 } }]), "t.yaml");
    applyOverlay(doc, overlay([{ target: "$.a.list", description: "append", update: 5 }]), "t.yaml");
    applyOverlay(
      doc,
      overlay([{ target: "$.a.list[?@ == 2 || @ == 4]", description: "drop even", remove: true }]),
      "t.yaml",
    );
    expect(doc).toEqual({ a: { b: { c: 1, d: 2 }, list: [1, 3, 5] } });
  });

  test("a stale target fails with the file, the action number and its description", () => {
    const stale = overlay([{ target: "$.nowhere", description: "fix the thing that moved", remove: true }]);
    expect(() => applyOverlay({ a: 1 }, stale, "07-stale.yaml")).toThrowError(
      /stale overlay: 07-stale\.yaml action #1 "fix the thing that moved" \(target \$\.nowhere\) matches nothing/,
    );
  });

  test("targets are RFC 9535: a JavaScript filter (jsonpath-plus dialect) is a clear error naming the action", () => {
    const jsFilter = overlay([{ target: "$.a[?(@.b === 1)]", description: "js filter", remove: true }]);
    expect(() => applyOverlay({ a: [{ b: 1 }] }, jsFilter, "08-js.yaml")).toThrowError(
      /08-js\.yaml action #1 "js filter" \(target .*\): not an RFC 9535 JSONPath/,
    );
  });

  test("appending a value the array already holds is stale (upstream added it): error, or skipped on request", () => {
    const add = overlay([{ target: "$.enum", description: "add event_count", update: "event_count" }]);
    const doc = { enum: ["event", "event_count"] };
    expect(() => applyOverlay(doc, add, "09-enum.yaml")).toThrowError(
      /stale overlay: 09-enum\.yaml action #1 "add event_count" .* already holds/,
    );
    expect(applyOverlay(doc, add, "09-enum.yaml", { onStale: "skip" })).toEqual([
      expect.objectContaining({ matches: 0 }),
    ]);
    expect(doc.enum).toEqual(["event", "event_count"]);
  });

  test("remove deletes nested matches deepest first, so every location stays valid", () => {
    const doc = { list: [{ x: [1, 2] }, { x: [3] }, { y: 1 }] };
    applyOverlay(doc, overlay([{ target: "$..[?@.x || @ == 2]", description: "drop", remove: true }]), "t.yaml");
    expect(doc).toEqual({ list: [{ y: 1 }] });
  });

  test("an action without a description or with neither update nor remove is rejected", () => {
    expect(() => overlay([{ target: "$.a", update: {} }])).toThrow(CodegenError);
    expect(() => overlay([{ target: "$.a", description: "nothing to do" }])).toThrow(
      /needs "update" or "remove: true"/,
    );
  });

  test("YAML overlays parse, including the 2024 spec's `!!int false` tags", () => {
    const parsed = parseDocument("a: !!int false\nb: !!int 1\nc: 2\n", "x.yaml") as Json;
    expect(parsed).toEqual({ a: false, b: 1, c: 2 });
    expect(() => parseDocument("a: !!int maybe\n", "x.yaml")).toThrow(
      /x\.yaml: invalid YAML: .*neither an integer nor a boolean/,
    );
    expect(() => parseDocument("{ not: json", "bad.json")).toThrow(/bad\.json: invalid JSON/);
  });
});

describe("checkpoints: loads that differ only in the actions they skip share the work before the first skip", () => {
  // A small spec and three overlays: the mechanism, not the vendored spec, is under test (a real load costs 0.5 s).
  const scratch = mkdtempSync(join(tmpdir(), "overlay-checkpoints-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const dir = join(scratch, "overlays");
  const small = join(scratch, "spec.json");
  const operation = (name: string) => ({ get: { responses: { "200": { description: name } } } });
  writeFileSync(
    small,
    JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/": operation("root") } }),
  );
  const files = ["01-a.yaml", "02-b.yaml", "03-c.yaml"];
  mkdirSync(dir);
  files.forEach((file, n) => {
    const actions = [0, 1].map((i) => ({
      target: "$.paths",
      description: `adds /${n}/${i} (a test action)`,
      update: { [`/${n}/${i}`]: operation(`${n}.${i}`) },
    }));
    writeFileSync(join(dir, file), JSON.stringify({ overlay: "1.0.0", info: { title: file, version: "1" }, actions }));
  });
  const skip = (file: string, index: number) => (f: string, i: number) => f === file && i === index;
  const load = (options: { skipAction?: (f: string, i: number) => boolean; checkpoints?: OverlayCheckpoints }) =>
    loadOverlaidSpec({ specFile: small, overlaysDir: dir, ...options });

  test("a load from checkpoints equals a load from scratch: same document, same applied actions", async () => {
    const checkpoints: OverlayCheckpoints = new Map();
    const full = await load({ checkpoints });
    expect(Object.keys(full.spec.paths as Json)).toHaveLength(7);
    expect(checkpoints.size).toBe(files.length);
    for (const skipAction of [skip("01-a.yaml", 0), skip("02-b.yaml", 1), skip("03-c.yaml", 0)]) {
      const fresh = await load({ skipAction });
      expect(Object.keys(fresh.spec.paths as Json)).toHaveLength(6);
      const resumed = await load({ skipAction, checkpoints });
      expect(resumed.spec).toEqual(fresh.spec);
      expect(resumed.applied).toEqual(fresh.applied);
      expect(resumed.provenance).toEqual(fresh.provenance);
    }
  });

  test("it resumes before the first skipping file, and never from a checkpoint of another spec or overlay text", async () => {
    const checkpoints: OverlayCheckpoints = new Map();
    await load({ checkpoints });
    // Each checkpoint marked with its position, so a result shows which one it started from.
    [...checkpoints.values()].forEach((checkpoint, index) => {
      checkpoint.spec["x-checkpoint"] = index;
    });
    const startedFrom = async (skipAction: (f: string, i: number) => boolean, specText?: string) =>
      (await loadOverlaidSpec({ specFile: small, specText, overlaysDir: dir, skipAction, checkpoints })).spec[
        "x-checkpoint"
      ];
    expect(await startedFrom(skip("03-c.yaml", 1))).toBe(2);
    expect(await startedFrom(skip("02-b.yaml", 0))).toBe(1);
    // Another text of the same document is another spec: nothing is reused.
    const respaced = JSON.stringify(JSON.parse(readFileSync(small, "utf8")), null, 1);
    expect(await startedFrom(skip("03-c.yaml", 1), respaced)).toBeUndefined();
    // An edited first overlay changes every later checkpoint: only the one before it still holds.
    appendFileSync(join(dir, "01-a.yaml"), "\n");
    expect(await startedFrom(skip("03-c.yaml", 1))).toBe(0);
  });
});
