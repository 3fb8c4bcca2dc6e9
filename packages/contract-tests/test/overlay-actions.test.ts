import { readdirSync, readFileSync } from "node:fs";
import {
  buildCatalogue,
  CodegenError,
  driftProofHolds,
  emitOpenapiTypes,
  loadOverlaidSpec,
  type OverlayCheckpoints,
  parseDocument,
} from "@org/statsig-console-codegen";
import { describe, expect, test } from "vitest";
import { type Json, pointerPath, rawSpecPath, requestBodySchemaPointer, responseSchemaPointer } from "../src/spec.js";
import { createValidator } from "../src/validator.js";

/**
 * Each overlay action has a probe: a check that passes on the overlaid spec and fails on the spec
 * with only that action left out (and on the raw spec). Validation probes use ajv the way Prism
 * does; type probes look at what openapi-typescript generates.
 */
const overlaysDir = new URL("../../../spec/overlays", import.meta.url).pathname;
// Each variant starts from the document as it stood before its left-out action's file (about halves the suite).
const checkpoints: OverlayCheckpoints = new Map();
const build = (skipAction?: (file: string, index: number) => boolean) =>
  loadOverlaidSpec({ specFile: rawSpecPath, overlaysDir, skipAction, checkpoints }).then((r) => r.spec as Json);

const body = requestBodySchemaPointer;
const queryParam = (spec: Json, path: string, name: string) => {
  const parameters = ((spec.paths as Json)[path] as Json).get as Json;
  const index = (parameters.parameters as Json[]).findIndex((p) => p.name === name);
  return `#${pointerPath("paths", path, "get", "parameters", String(index), "schema")}`;
};

// Built once per spec and mode: the overlaid and raw specs are probed by every test, and a validator over the whole
// document (or openapi-typescript's output) costs far more than one probe. The probes never change a spec.
const validators = new WeakMap<Json, Map<boolean, ReturnType<typeof createValidator>>>();
function validatorFor(spec: Json, coerceTypes: boolean) {
  const bySpec = validators.get(spec) ?? new Map<boolean, ReturnType<typeof createValidator>>();
  validators.set(spec, bySpec);
  const validator = bySpec.get(coerceTypes) ?? createValidator(spec, { coerceTypes });
  bySpec.set(coerceTypes, validator);
  return validator;
}

/** True when the validator compiles and every sample meets its expectation. */
function accepts(spec: Json, pointer: string, valid: unknown[], invalid: unknown[] = []): boolean {
  try {
    const validate = validatorFor(spec, pointer.includes("/parameters/")).at(pointer);
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
const types = new WeakMap<Json, Promise<string>>();
const typesFor = (spec: Json) => {
  const cached =
    types.get(spec) ??
    emitOpenapiTypes(spec).then(({ components, pathsAndOperations }) => `${components}\n${pathsAndOperations}`);
  types.set(spec, cached);
  return cached;
};
type Probe = (spec: Json) => boolean | Promise<boolean>;
const schema = (name: string) => `#/components/schemas/${name}`;
const response200 = (path: string, method: string) => responseSchemaPointer(path, method, 200);

/** Two probes (one per action of a remove/update pair): every listed success body is `{ message }` alone. */
const messageOnly = (paths: string[], method: string): Probe[] => {
  const probe = (s: Json) =>
    paths.every((path) => accepts(s, response200(path, method), [{ message: "done" }], [{ message: 5 }, {}]));
  return [probe, probe];
};
const auditLog = (fields: Json) => ({
  id: "a",
  name: "test_gate",
  changeLog: "Created gate",
  actionType: "gate_create",
  date: "2026-11-27",
  time: "10:00",
  updatedBy: "Ada",
  updatedByUserID: "u1",
  modifierEmail: "ada@example.com",
  changes: {},
  tags: [],
  ...fields,
});
const stringSchemaOnly = (s: Json, property: string) => {
  const node = ((s.components as Json).schemas as Json).AuditLogDto as Json;
  const prop = (node.properties as Json)[property] as Json;
  return prop.type === "string" && !("additionalProperties" in prop);
};
const metricTypes = [
  "event_count",
  "event_dau",
  "user",
  "event_user_window",
  "hybrid_warehouse",
  "ads_segment_active_users",
  "ads_segment_exposed_user_days",
  "percentile",
];
const conditionType = (dto: string) =>
  `${schema(dto)}/properties/rules/items/properties/conditions/items/properties/type`;
/** Every operation of the raw spec that lacks `status` now references the shared error response. */
const rawSpec = JSON.parse(readFileSync(rawSpecPath, "utf8")) as Json;
const hasPathParameter = (op: Json) => ((op.parameters ?? []) as Json[]).some((p) => p.in === "path");
const declaresEverywhere =
  (status: string, name: string, applies: (op: Json) => boolean = () => true) =>
  (s: Json) => {
    const lacking = Object.entries(rawSpec.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json)
        .filter(([, op]) => (op as Json).responses && !((op as Json).responses as Json)[status] && applies(op as Json))
        .map(([method]) => [path, method] as const),
    );
    const referenced = (path: string, method: string) =>
      ((((s.paths as Json)[path] as Json)[method] as Json).responses as Json)[status] as Json | undefined;
    return (
      lacking.length > 0 &&
      lacking.every(([path, method]) => referenced(path, method)?.$ref === `#/components/responses/${name}`) &&
      (((s.components as Json).responses as Json | undefined)?.[name] as Json | undefined) !== undefined
    );
  };
const gateOverrides = (s: Json) =>
  ((((s.paths as Json)["/console/v1/gates/{id}/overrides"] as Json).get as Json).responses ?? {}) as Json;

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
  "07-message-only-responses.yaml": [
    // Each remove/update pair: without the remove, the merged schema still requires `data`; without the
    // update, there is no schema left to validate with.
    ...messageOnly(["/console/v1/experiments/{id}", "/console/v1/holdouts/{id}", "/console/v1/ingestion"], "delete"),
    ...messageOnly(["/console/v1/segments/{id}/archive"], "put"),
    ...messageOnly(["/console/v1/segments/{id}/conditional"], "post"),
  ],
  "08-audit-log-fields.yaml": [
    (s) => stringSchemaOnly(s, "actionType") && stringSchemaOnly(s, "modifierEmail"),
    (s) =>
      accepts(
        s,
        schema("AuditLogDto"),
        [auditLog({}), auditLog({ modifierEmail: null })],
        [auditLog({ actionType: 5 })],
      ),
    (s) => accepts(s, schema("AuditLogDto"), [auditLog({ modifierEmail: undefined })]),
  ],
  "09-nullable-metric-ratio-parts.yaml": [
    (s) =>
      accepts(
        s,
        schema("MetricValueDto"),
        [{ value: 1, unitType: "user", metricName: "m", metricType: "sum", numerator: null, denominator: null }],
        [{ value: 1, unitType: "user", metricName: "m", metricType: "sum", numerator: "1" }],
      ) &&
      accepts(s, schema("MetricValuesDto"), [{ value: 1, unit_type: "userID", numerator: null, denominator: null }]),
  ],
  "10-response-enum-values.yaml": [
    ...metricTypes.map(
      (type) => (s: Json) =>
        accepts(s, `${schema("ExternalMetricDefinitionContractDto")}/properties/type`, [type, "sum"], ["not_a_type"]),
    ),
    ...["user_agent", "experiment_group"].map(
      (type) => (s: Json) =>
        ["ExternalGateDto", "GateCreateDto"].every((dto) =>
          accepts(s, conditionType(dto), [type, "user_id"], ["nope"]),
        ),
    ),
    (s) =>
      accepts(s, `${schema("ExternalExperimentDto")}/properties/healthCheckStatus`, ["NOT_APPLIED", "PASSED"], ["x"]),
  ],
  "11-ingestion-count-one-of.yaml": [
    (s) =>
      accepts(
        s,
        schema("IngestionEventCountResponseDto"),
        [[], [{ date: "2026-11-27", event: "e", count: 1, last_updated_time: "2026-11-27T00:00:00Z" }]],
        [[{ date: 5 }]],
      ) && accepts(s, schema("IngestionEventDeltaResponseDto"), [[]]),
  ],
  "12-gate-overrides-read-status.yaml": [
    (s) =>
      accepts(
        s,
        response200("/console/v1/gates/{id}/overrides", "get"),
        [{ message: "read", data: { passingUserIDs: ["u1"], failingUserIDs: [], environmentOverrides: [] } }],
        [{ message: "read" }, { message: "read", data: { passingUserIDs: [""] } }],
      ),
    (s) =>
      buildCatalogue(s).find((op) => op.method === "GET" && op.path === "/console/v1/gates/{id}/overrides")
        ?.successStatus === 200 &&
      Object.keys(gateOverrides(s))
        .filter((code) => /^2/.test(code))
        .join() === "200",
  ],
  "13-error-responses.yaml": [
    (s) =>
      accepts(
        s,
        schema("StatsigErrorDto"),
        [
          { status: 401, message: "Invalid key" },
          { message: "Invalid body", errors: ["name is required"] },
        ],
        [{ status: 401 }, { message: 5 }],
      ),
    (s) => {
      const responses = ((s.components as Json).responses ?? {}) as Json;
      const rateLimited = responses.RateLimited as Json | undefined;
      return (
        ["Unauthorized", "NotFound", "RateLimited", "ServerError"].every((name) => responses[name]) &&
        (rateLimited?.headers as Json | undefined)?.["Retry-After"] !== undefined &&
        accepts(s, "#/components/responses/RateLimited/content/application~1json/schema", [{ message: "slow down" }])
      );
    },
    declaresEverywhere("401", "Unauthorized"),
    declaresEverywhere("404", "NotFound", hasPathParameter),
    declaresEverywhere("429", "RateLimited"),
    declaresEverywhere("500", "ServerError"),
  ],
};

/**
 * Overlays drafted by the drift check (`statsig-console-drift`) carry their proof on each action (`x-drift-proof`):
 * the same rule, probes that pass with the action and fail without it, written by the command.
 */
for (const file of readdirSync(overlaysDir).filter((f) => /\.ya?ml$/.test(f) && !(f in probes))) {
  const { actions } = parseDocument(readFileSync(`${overlaysDir}/${file}`, "utf8"), file) as { actions: Json[] };
  const proven = actions.filter((action) => "x-drift-proof" in action);
  if (proven.length === actions.length) {
    probes[file] = proven.map((action) => (s: Json) => driftProofHolds(s, action["x-drift-proof"]));
  }
}

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
    // Without an action that declares what later actions reference, generation itself refuses the spec.
    const without = await build((f, i) => f === file && i === index).catch((error: unknown) => error);
    if (without instanceof CodegenError) expect(without.message).toMatch(/unresolved \$ref/);
    else expect(await probe(without as Json), "fails with this action left out").toBe(false);
    expect(await probe(raw), "fails on the raw spec").toBe(false);
  });
});
