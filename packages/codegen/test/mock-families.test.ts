import { describe, expect, test } from "vitest";
import {
  applyMockRules,
  buildCatalogue,
  deriveFamilies,
  deriveParts,
  deriveSampledAnswers,
  loadOverlaidSpec,
  MOCK_RULES,
  type MockRule,
  renderApiRules,
} from "../src/index.js";
import { overlaysDir, specFile } from "./paths.js";

const row = (method: string, path: string, successStatus = 200) => ({
  method: method as "GET",
  path,
  pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
  successStatus,
});

describe("stateful mock families", () => {
  test("a collection POST with an item GET, update and DELETE is a family; the rest say why they are not", () => {
    const { families, coverage } = deriveFamilies([
      row("GET", "/console/v1/gates"),
      row("POST", "/console/v1/gates", 201),
      row("GET", "/console/v1/gates/{id}"),
      row("POST", "/console/v1/gates/{id}"),
      row("PATCH", "/console/v1/gates/{id}"),
      row("DELETE", "/console/v1/gates/{id}"),
      row("PUT", "/console/v1/gates/{id}/archive"),
      row("GET", "/console/v1/prompts"),
      row("POST", "/console/v1/prompts"),
      row("GET", "/console/v1/prompts/{id}"),
      row("PATCH", "/console/v1/prompts/{id}"),
      row("GET", "/console/v1/company"),
    ]);
    expect(families).toEqual([
      {
        name: "gates",
        collection: "/console/v1/gates",
        item: "/console/v1/gates/{id}",
        param: "id",
        create: { status: 201 },
        list: { status: 200 },
        read: { status: 200 },
        replace: { status: 200 },
        merge: { status: 200 },
        remove: { status: 200 },
      },
    ]);
    const served = coverage.map((r) => [`${r.method} ${r.path}`, r.role ?? r.reason]);
    expect(served).toEqual([
      ["GET /console/v1/gates", "list"],
      ["POST /console/v1/gates", "create"],
      ["GET /console/v1/gates/{id}", "read"],
      ["POST /console/v1/gates/{id}", "replace"],
      ["PATCH /console/v1/gates/{id}", "merge"],
      ["DELETE /console/v1/gates/{id}", "remove"],
      ["PUT /console/v1/gates/{id}/archive", "an action or part of gates items, not modelled yet"],
      ...[
        "GET /console/v1/prompts",
        "POST /console/v1/prompts",
        "GET /console/v1/prompts/{id}",
        "PATCH /console/v1/prompts/{id}",
      ].map((op) => [op, "not a family: /console/v1/prompts has a create and an item read, no item DELETE"]),
      ["GET /console/v1/company", expect.stringMatching(/^not a family/)],
    ]);
  });

  test("a collection GET that lists other entities than its items is not the family's list", () => {
    const rows = [
      row("GET", "/console/v1/metrics"),
      row("POST", "/console/v1/metrics"),
      row("GET", "/console/v1/metrics/{id}"),
      row("POST", "/console/v1/metrics/{id}"),
      row("DELETE", "/console/v1/metrics/{id}"),
    ];
    const { families, coverage } = deriveFamilies(rows, { listsItems: () => false });
    expect(families[0]?.list).toBeUndefined();
    expect(coverage[0]).toEqual({
      method: "GET",
      path: "/console/v1/metrics",
      reason: "lists other entities than its family's items (another schema)",
    });
  });

  test("on the vendored catalogue: one row per operation, each stateful or with a reason; families are complete", async () => {
    const operationCatalogue = buildCatalogue((await loadOverlaidSpec({ specFile, overlaysDir })).spec);
    const { families, coverage } = deriveFamilies(operationCatalogue);
    expect(coverage).toHaveLength(operationCatalogue.length);
    for (const r of coverage) expect(Boolean(r.role) !== Boolean(r.reason), `${r.method} ${r.path}`).toBe(true);
    expect(families.length).toBeGreaterThan(0);
    const ops = new Set(operationCatalogue.map((op) => `${op.method} ${op.path}`));
    for (const f of families) {
      expect(ops.has(`POST ${f.collection}`)).toBe(true);
      expect(ops.has(`GET ${f.item}`) && ops.has(`DELETE ${f.item}`)).toBe(true);
      expect(ops.has(`POST ${f.item}`) || ops.has(`PATCH ${f.item}`)).toBe(true);
    }
  });
});

describe("the rules table, applied where the spec lets it", () => {
  // Two families: gates take every rule; experiments' status has no "Archived", and they have no enable.
  const entity = (statuses: string[]) => ({
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      isEnabled: { type: "boolean" },
      status: { type: "string", enum: statuses },
      lastModifierName: { type: "string" },
    },
  });
  const answer = (schema: unknown) => ({
    description: "ok",
    content: {
      "application/json": { schema: { type: "object", properties: { message: { type: "string" }, data: schema } } },
    },
  });
  const paths: Record<string, Record<string, unknown>> = {};
  const rows: ReturnType<typeof row>[] = [];
  for (const [name, statuses, actions] of [
    ["gates", ["In Progress", "Archived"], ["enable", "archive", "unarchive"]],
    ["experiments", ["active"], ["archive", "unarchive"]],
  ] as const) {
    const base = `/console/v1/${name}`;
    const schema = entity([...statuses]);
    paths[base] = { post: { responses: { "201": answer(schema) } } };
    paths[`${base}/{id}`] = {
      get: { responses: { "200": answer(schema) } },
      patch: { responses: { "200": answer(schema) } },
      delete: { responses: { "200": answer(undefined) } },
    };
    rows.push(row("POST", base, 201), row("GET", `${base}/{id}`), row("PATCH", `${base}/{id}`));
    rows.push(row("DELETE", `${base}/{id}`));
    for (const action of actions) {
      paths[`${base}/{id}/${action}`] = { put: { responses: { "200": answer(schema) } } };
      rows.push(row("PUT", `${base}/{id}/${action}`));
    }
  }
  const spec = { openapi: "3.0.3", paths };
  const rule = (id: string, effect: MockRule["effect"], families?: string[]): MockRule => ({
    id,
    does: id,
    sources: ["a test"],
    ...(families ? { families } : {}),
    effect,
  });
  const rules: MockRule[] = [
    rule("id-from-name", { kind: "id-from-name" }, ["gates"]),
    rule("writer", { kind: "writer", onCreate: { lastModifierName: "CONSOLE API", creatorName: "X" }, onWrite: {} }),
    rule("enable", { kind: "action", action: "enable", method: "PUT", set: { isEnabled: true } }),
    rule("archive", { kind: "action", action: "archive", method: "PUT", set: { status: "Archived" } }),
    rule("unarchive", { kind: "action", action: "unarchive", method: "PUT", undoes: "archive" }),
  ];

  test("a rule reaches a family only with fields its entity has and values their schemas take", () => {
    const derived = deriveFamilies(rows);
    const applied = applyMockRules(spec, rows, derived.families, derived.coverage, rules);
    const byName = Object.fromEntries(applied.families.map((family) => [family.name, family.rules]));
    expect(byName.gates).toEqual({
      idFromName: true,
      onCreate: { lastModifierName: "CONSOLE API" },
      onWrite: {},
      actions: {
        enable: { method: "PUT", status: 200, body: "data", set: { isEnabled: true } },
        archive: { method: "PUT", status: 200, body: "data", set: { status: "Archived" } },
        unarchive: { method: "PUT", status: 200, body: "data", undoes: "archive" },
      },
    });
    // No "Archived" in their status, so no archive, and nothing for unarchive to undo; no enable operation.
    expect(byName.experiments).toEqual({ onCreate: { lastModifierName: "CONSOLE API" }, onWrite: {} });
    const served = applied.coverage.filter((r) => r.role === "action").map((r) => `${r.method} ${r.path} ${r.detail}`);
    expect(served).toEqual([
      "PUT /console/v1/gates/{id}/enable enable",
      "PUT /console/v1/gates/{id}/archive archive",
      "PUT /console/v1/gates/{id}/unarchive unarchive",
    ]);
    expect(applied.coverage.find((r) => r.path === "/console/v1/experiments/{id}/archive")?.reason).toMatch(
      /not modelled yet/,
    );
    const table = renderApiRules(applied.uses, "// banner\n");
    expect(table).toContain("| id-from-name | id-from-name | a test | gates |");
    expect(table).toContain("| unarchive | unarchive | a test | gates, PUT /console/v1/gates/{id}/unarchive |");
  });

  test("the vendored table: every rule has what it does and a source, and applies to some family of this spec", async () => {
    for (const entry of MOCK_RULES) {
      expect(entry.does.length, entry.id).toBeGreaterThan(10);
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
    }
    const overlaid = await loadOverlaidSpec({ specFile, overlaysDir });
    const catalogue = buildCatalogue(overlaid.spec);
    const derived = deriveFamilies(catalogue);
    const applied = applyMockRules(overlaid.spec, catalogue, derived.families, derived.coverage, MOCK_RULES);
    expect(applied.uses.filter((use) => use.families.length === 0).map((use) => use.rule.id)).toEqual([]);
  });
});

test("parts: an array of objects with ids and operations of its own; only regular shapes are modelled", () => {
  const ruleSchema = { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } };
  const gate = {
    type: "object",
    properties: {
      id: { type: "string" },
      rules: { type: "array", items: ruleSchema },
      tags: { type: "array", items: { type: "string" } },
    },
  };
  const answer = (data: unknown) => ({
    description: "ok",
    content: { "application/json": { schema: { type: "object", properties: { message: { type: "string" }, data } } } },
  });
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  const item = "/console/v1/gates/{id}";
  const spec = {
    paths: {
      [item]: { get: { responses: { "200": answer(gate) } } },
      [`${item}/rules`]: {
        post: {
          requestBody: json({ type: "object", properties: { rules: gate.properties.rules } }),
          responses: { "200": answer(gate) },
        },
        get: { responses: { "200": answer({ type: "array", items: { type: "object", properties: { rules: {} } } }) } },
        // Answers a message, not the gate: not modelled.
        patch: {
          requestBody: json({ type: "object", properties: { rules: gate.properties.rules } }),
          responses: { "200": answer(undefined) },
        },
      },
      [`${item}/rule`]: { post: { requestBody: json(ruleSchema), responses: { "200": answer(gate) } } },
      [`${item}/rules/{ruleID}`]: {
        delete: { responses: { "200": answer(gate) } },
        get: { responses: { "200": answer(ruleSchema) } },
      },
      [`${item}/rules/{ruleID}/pulse_results`]: { get: { responses: { "200": answer(gate) } } },
    },
  };
  const catalogue = [
    row("POST", `${item}/rules`),
    row("GET", `${item}/rules`),
    row("PATCH", `${item}/rules`),
    row("POST", `${item}/rule`),
    row("DELETE", `${item}/rules/{ruleID}`),
    row("GET", `${item}/rules/{ruleID}`),
    row("GET", `${item}/rules/{ruleID}/pulse_results`),
  ];
  const family = {
    name: "gates",
    collection: "/console/v1/gates",
    item,
    param: "id",
    create: { status: 201 },
    read: { status: 200 },
    remove: { status: 200 },
  };
  const parts = deriveParts(spec, family, catalogue);
  expect(Object.keys(parts)).toEqual(["rules"]);
  expect(parts.rules?.ops.map((op) => `${op.method} ${op.path} ${op.kind} ${op.body}`)).toEqual([
    `POST ${item}/rules add-many data`,
    `GET ${item}/rules list-wrapped data`,
    `POST ${item}/rule add-one data`,
    `DELETE ${item}/rules/{ruleID} remove-one data`,
    `GET ${item}/rules/{ruleID} read-one data`,
  ]);
});

test("an operation whose examples fail their schema answers a body built from it, or says it cannot", () => {
  const answer = (schema: unknown, example: unknown) => ({
    description: "ok",
    content: { "application/json": { schema, example } },
  });
  const fine = { type: "object", required: ["count"], properties: { count: { type: "integer" } } };
  const odd = { type: "object", required: ["code"], properties: { code: { type: "string", pattern: "^x{5}$" } } };
  const spec = {
    openapi: "3.0.3",
    paths: {
      "/a": { get: { responses: { "200": answer(fine, { count: "three" }) } } },
      "/b": { get: { responses: { "200": answer(odd, { code: "y" }) } } },
      "/c": { get: { responses: { "200": answer(fine, { count: 3 }) } } },
    },
  };
  const catalogue = ["/a", "/b", "/c"].map((path) => row("GET", path));
  const coverage = catalogue.map((op) => ({ method: op.method, path: op.path, reason: "not a family" }));
  const defects = [
    { operation: "GET /a", status: "200", example: "example", cause: "/count must be integer" },
    { operation: "GET /b", status: "200", example: "example", cause: "/code must match pattern" },
  ];
  const derived = deriveSampledAnswers(spec, spec, catalogue, coverage, defects);
  expect(derived.answers).toEqual({ "GET /a": { status: 200, body: { count: 0 } } });
  expect(derived.coverage.map((r) => r.reason)).toEqual([
    "not a family; its examples fail their schema, so it answers a body built from it",
    expect.stringMatching(
      /^not a family; its examples fail their schema and so does a body built from it \(.*pattern.*\): Prism answers 500$/,
    ),
    "not a family",
  ]);
});
