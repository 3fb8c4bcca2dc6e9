import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  compileResponseTables,
  driftProofHolds,
  generate,
  loadOverlaidSpec,
  type OverlayCheckpoints,
  parseDocument,
} from "@org/statsig-console-codegen";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type DraftedAction,
  type DriftReport,
  draftOverlay,
  jsonPath,
  type ResponseTables,
  runDrift,
} from "../src/index.js";
import { type ApiServer, startApiServer } from "./api-server.js";
import { plantDrift } from "./drifted-api.js";

const KEY = "console-drift-overlay-key-51c0";
const specFile = new URL("../../../spec/statsig_openapi.json", import.meta.url).pathname;
const repoOverlays = new URL("../../../spec/overlays", import.meta.url).pathname;
const DRAFT = "99-drift-draft.yaml";

let scratch: string;
let server: ApiServer;
let draft: { actions: DraftedAction[] };
let firstReport: DriftReport;

const walkOptions = (outDir: string) => ({
  apiKey: KEY,
  baseUrl: server.url,
  outDir,
  maxItems: 2,
  maxPages: 2,
  operations: plantDrift.operations,
  client: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  date: "2026-12-05",
});

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "drift-overlay-"));
  server = await startApiServer({ key: KEY, plant: plantDrift });
  const result = await runDrift(walkOptions(join(scratch, "first")));
  firstReport = result.report as DriftReport;
  const text = await readFile(join(scratch, "first", "drift-overlay.yaml"), "utf8");
  draft = parseDocument(text, DRAFT) as { actions: DraftedAction[] };
  // The repository's overlays plus the draft, as a reviewer would commit it.
  await cp(repoOverlays, join(scratch, "overlays"), { recursive: true });
  await writeFile(join(scratch, "overlays", DRAFT), text);
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

describe("the drafted overlay", () => {
  // Every load below applies the same overlays but the draft (the last file) in part: each starts from the document
  // as it stood before the draft.
  const checkpoints: OverlayCheckpoints = new Map();
  test("one action per fixable finding: the enum value, the null, the required property, the undeclared property and status", () => {
    const kinds = draft.actions.map((a) => Object.keys(a["x-drift-proof"]).sort().join("+"));
    expect(kinds.sort()).toEqual([
      "accepts+schema",
      "accepts+schema",
      "declares+schema",
      "operation+status",
      "optional+schema",
    ]);
    for (const action of draft.actions) {
      expect(action.description).toMatch(/seen from the live API on 2026-12-05 in GET \/console\/v1\/\S+ \d{3} at /);
    }
  });

  test("the generator accepts it unchanged: types, catalogue and drift tables generate", async () => {
    const result = await generate({
      specFile,
      overlaysDir: join(scratch, "overlays"),
      outDir: join(scratch, "types"),
      driftOutDir: join(scratch, "drift"),
      checkpoints,
    });
    expect(result.applied.filter((a) => a.file === DRAFT).map((a) => a.matches)).toEqual(draft.actions.map(() => 1));
  });

  test("with it, the same drifted answers validate but for what no action can fix (type, format, content type)", async () => {
    const { spec } = await loadOverlaidSpec({ specFile, overlaysDir: join(scratch, "overlays"), checkpoints });
    const tables = compileResponseTables(spec) as unknown as ResponseTables;
    const again = await runDrift({ ...walkOptions(join(scratch, "again")), tables });
    const left = again.report?.findings.map((f) => f.kind).sort();
    expect(left).toEqual(["content-type", "format", "type"]);
    expect(firstReport.findings.length).toBeGreaterThan(left?.length ?? 0);
    expect(server.mutations()).toBe(0);
  });

  test("every action is proven: its x-drift-proof holds with it and fails with it left out (and on the raw spec)", async () => {
    const overlaysDir = join(scratch, "overlays");
    const { spec } = await loadOverlaidSpec({ specFile, overlaysDir, checkpoints });
    const raw = (await loadOverlaidSpec({ specFile, overlaysDir, skipAction: () => true })).spec;
    for (const [index, action] of draft.actions.entries()) {
      const proof = action["x-drift-proof"];
      expect(driftProofHolds(spec, proof), `${action.target} holds`).toBe(true);
      const without = await loadOverlaidSpec({
        specFile,
        overlaysDir,
        skipAction: (f, i) => f === DRAFT && i === index,
        checkpoints,
      });
      expect(driftProofHolds(without.spec, proof), `${action.target} fails without`).toBe(false);
      expect(driftProofHolds(raw, proof), `${action.target} fails on the raw spec`).toBe(false);
    }
  });
});

/** Tables for one item GET whose body is the schema `Gate`. */
const gateTables = (gate: Record<string, unknown>) =>
  compileResponseTables({
    openapi: "3.0.0",
    info: { title: "t", version: "1" },
    paths: {
      "/console/v1/gates/{id}": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Gate" } } },
            },
          },
        },
      },
    },
    components: { schemas: { Gate: gate } },
  }) as unknown as ResponseTables;

describe("drafting rules", () => {
  const finding = { method: "GET", path: "/console/v1/gates/{id}", status: 200, expected: "", count: 1 };

  test("an enum that must take null lists null itself, beside nullable (OpenAPI 3.0)", () => {
    const tables = gateTables({ type: "object", properties: { status: { type: "string", enum: ["on", "off"] } } });
    const { actions } = draftOverlay([{ ...finding, pointer: "/status", kind: "null", received: "null" }], {
      date: "2026-12-05",
      tables,
    });
    expect(actions.map((a) => [a.target, a.update])).toEqual([
      ["$.components.schemas.Gate.properties.status", { nullable: true }],
      ["$.components.schemas.Gate.properties.status.enum", null],
    ]);
  });

  test("the last required property takes `required` with it (3.0 forbids an empty list); a numeric enum gets a number; every allOf enum the value fails", () => {
    const tables = gateTables({
      type: "object",
      properties: {
        id: { type: "string" },
        code: { type: "integer", enum: [1, 2] },
        mode: { allOf: [{ type: "string", enum: ["a", "b"] }, { enum: ["a", "b", "c"] }] },
      },
      required: ["id"],
    });
    const { actions } = draftOverlay(
      [
        { ...finding, pointer: "/id", kind: "missing-required", received: "absent" },
        { ...finding, pointer: "/code", kind: "enum-value", received: "3" },
        { ...finding, pointer: "/mode", kind: "enum-value", received: "d" },
      ],
      { date: "2026-12-05", tables },
    );
    expect(actions.map((a) => [a.target, a.remove ? "remove" : a.update])).toEqual([
      ["$.components.schemas.Gate.required", "remove"],
      ["$.components.schemas.Gate.properties.code.enum", 3],
      ["$.components.schemas.Gate.properties.mode.allOf[0].enum", "d"],
      ["$.components.schemas.Gate.properties.mode.allOf[1].enum", "d"],
    ]);
  });

  test("findings no action can fix are left to a person, and an empty draft says so", () => {
    const draftOf = draftOverlay(
      [
        { ...finding, pointer: "/data/isEnabled", kind: "type", received: "string" },
        // Keys that read like data (an email) are withheld as `*`: no property name to declare.
        { ...finding, pointer: "/data/*", kind: "unknown-property", received: "integer" },
      ],
      { date: "2026-12-05" },
    );
    expect(draftOf.actions).toEqual([]);
    expect(draftOf.unfixable).toHaveLength(2);
    expect(draftOf.yaml).toMatch(/# Nothing to draft/);
  });

  test("JSONPath targets: dot names, bracketed names with quotes escaped, indices under combinators", () => {
    expect(jsonPath("#/paths/~1console~1v1~1gates/get/responses/200/content/application~1json/schema/allOf/1")).toBe(
      "$.paths['/console/v1/gates'].get.responses['200'].content['application/json'].schema.allOf[1]",
    );
    expect(jsonPath("#/components/schemas/It's")).toBe("$.components.schemas['It\\'s']");
  });
});
