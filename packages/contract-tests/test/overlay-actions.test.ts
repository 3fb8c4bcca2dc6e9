import { emitOpenapiTypes, loadOverlaidSpec } from "@org/statsig-console-codegen";
import { describe, expect, test } from "vitest";
import { type Json, rawSpecPath, responseSchemaPointer } from "../src/spec.js";
import { createValidator } from "../src/validator.js";

/**
 * Each overlay action has a probe: a check that passes on the overlaid spec and fails on the spec
 * with only that action left out (and on the raw spec). Validation probes use ajv the way Prism
 * does; type probes look at what openapi-typescript generates.
 */
const overlaysDir = new URL("../../../spec/overlays", import.meta.url).pathname;
const build = (skipAction?: (file: string, index: number) => boolean) =>
  loadOverlaidSpec({ specFile: rawSpecPath, overlaysDir, skipAction }).then((r) => r.spec as Json);

const body = (path: string, method: string) =>
  `#/paths/${path.replaceAll("/", "~1")}/${method}/requestBody/content/application~1json/schema`;
const queryParam = (spec: Json, path: string, name: string) => {
  const parameters = ((spec.paths as Json)[path] as Json).get as Json;
  const index = (parameters.parameters as Json[]).findIndex((p) => p.name === name);
  return `#/paths/${path.replaceAll("/", "~1")}/get/parameters/${index}/schema`;
};

/** True when the validator compiles and every sample meets its expectation. */
function accepts(spec: Json, pointer: string, valid: unknown[], invalid: unknown[] = []): boolean {
  try {
    const validate = createValidator(spec, { coerceTypes: pointer.includes("/parameters/") }).at(pointer);
    return valid.every((v) => validate(v)) && invalid.every((v) => !validate(v));
  } catch {
    return false; // the schema does not compile: Prism would skip validation
  }
}

const gate = (targetValue: unknown) => ({
  name: "gate",
  rules: [{ name: "r", passPercentage: 50, conditions: [{ type: "user_id", targetValue }] }],
});
const backfill = (source: unknown) => ({
  datestamp_start: "2024-01-01",
  datestamp_end: "2024-01-02",
  type: "databricks",
  dataset: "Events",
  source,
});
const scores = (criteriaName: unknown) => ({
  name: "exp",
  manualQualityScores: [{ criteriaName, criteriaDescription: "d", status: "PASSED", score: 1, weight: 1 }],
});
const typesFor = async (spec: Json) => emitOpenapiTypes(spec);

type Probe = (spec: Json) => boolean | Promise<boolean>;
const probes: Record<string, Probe[]> = {
  "01-nullable-without-type.yaml": [
    (s) => accepts(s, body("/console/v1/gates", "post"), [gate(null), gate("a"), gate(["a"])], [gate({}), { name: 5 }]),
    (s) => accepts(s, body("/console/v1/gates", "post"), [gate([])]),
    (s) => accepts(s, body("/console/v1/gates", "post"), [gate(null)], [{ name: 5 }]),
    (s) => accepts(s, body("/console/v1/ingestion/backfill", "post"), [backfill(null), backfill("s")], [backfill(5)]),
    (s) => accepts(s, body("/console/v1/ingestion/backfill", "post"), [backfill(null)], [backfill(5)]),
  ],
  "02-pagination-parameters.yaml": [
    (s) => accepts(s, queryParam(s, "/console/v1/gates", "page"), ["1", "20"], ["0", "abc"]),
    (s) => accepts(s, queryParam(s, "/console/v1/gates", "limit"), ["10"]),
  ],
  "03-response-envelopes.yaml": [
    (s) =>
      accepts(s, responseSchemaPointer("/console/v1/experiments/{id}/cumulative_exposures", "get", 200), [
        { message: "ok", data: [] },
      ]),
    (s) =>
      accepts(s, responseSchemaPointer("/console/v1/segments/{id}/id_list", "get", 200), [
        {
          message: "ok",
          data: { name: "s", count: 1, ids: ["u1"] },
          pagination: { itemsPerPage: 1, pageNumber: 1, nextPage: null, previousPage: null },
        },
      ]),
    async (s) =>
      /"\/console\/v1\/gates":[\s\S]*?data: components\["schemas"\]\["ExternalGateDto"\]\[\];/.test(await typesFor(s)),
  ],
  "04-segment-id-list-delete-body.yaml": [
    (s) => accepts(s, body("/console/v1/segments/{id}/id_list", "delete"), [{ ids: ["u1"] }], [{ ids: 5 }, {}]),
  ],
  "05-free-form-objects.yaml": [
    async (s) => /IngestionDto: \{[^}]*data: \{\s*\[key: string\]: unknown;/.test(await typesFor(s)),
    async (s) => /metricGroupBys: \{\s*\[key: string\]: unknown;/.test(await typesFor(s)),
  ],
  "06-overlapping-one-of.yaml": [
    (s) =>
      accepts(s, body("/console/v1/experiments", "post"), [scores("custom"), scores("POWER_ANALYSIS")], [scores(5)]),
    (s) => accepts(s, body("/console/v1/experiments", "post"), [scores("POWER_ANALYSIS")]),
  ],
};

const overlaid = await build();
const raw = await build(() => true);

describe("every overlay action is needed: its probe passes with it and fails without it", () => {
  const cases = Object.entries(probes).flatMap(([file, list]) =>
    list.map((probe, index) => [`${file} action #${index + 1}`, file, index, probe] as const),
  );

  test("every action of every overlay file has a probe", async () => {
    const { applied } = await loadOverlaidSpec({ specFile: rawSpecPath, overlaysDir });
    expect(applied.map((a) => `${a.file} action #${a.index + 1}`)).toEqual(cases.map(([name]) => name));
  });

  test.each(cases)("%s", async (_name, file, index, probe) => {
    expect(await probe(overlaid), "passes on the overlaid spec").toBe(true);
    expect(await probe(await build((f, i) => f === file && i === index)), "fails with this action left out").toBe(
      false,
    );
    expect(await probe(raw), "fails on the raw spec").toBe(false);
  });
});
