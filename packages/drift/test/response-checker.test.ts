import { compileResponseTables } from "@org/statsig-console-codegen";
import { describe, expect, test } from "vitest";
import { createResponseChecker, DriftCollector, type ResponseTables } from "../src/index.js";

// A small spec with the shapes the Console API uses (an envelope, nested rule arrays, a oneOf, a free-form object):
// facts of a fixed input, not of the vendored release.
const spec = {
  openapi: "3.0.0",
  info: { title: "drift fixture", version: "1" },
  paths: {
    "/console/v1/gates": {
      get: {
        responses: {
          "200": {
            description: "list",
            content: {
              "application/json": {
                schema: {
                  allOf: [
                    { $ref: "#/components/schemas/Envelope" },
                    {
                      type: "object",
                      properties: {
                        data: {
                          type: "array",
                          items: { $ref: "#/components/schemas/Gate" },
                        },
                      },
                      required: ["data"],
                    },
                  ],
                },
              },
            },
          },
          "401": {
            description: "no key",
            content: { "application/json": { schema: { type: "object" } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Envelope: {
        type: "object",
        properties: { message: { type: "string" } },
        required: ["message"],
      },
      Gate: {
        type: "object",
        properties: {
          id: { type: "string" },
          status: { type: "string", enum: ["active", "archived"] },
          count: { type: "integer" },
          // OpenAPI 3.0's boolean exclusive bound (draft 4), which ajv's draft does not read as such.
          weight: { type: "number", minimum: 0, exclusiveMinimum: true },
          owner: { $ref: "#/components/schemas/Owner" },
          createdAt: { type: "string", format: "date-time" },
          targetValue: {
            oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
          },
          rules: {
            type: "array",
            items: {
              type: "object",
              properties: {
                conditions: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      type: { type: "string", enum: ["user_id", "email"] },
                    },
                  },
                },
              },
            },
          },
          extra: { type: "object", additionalProperties: true },
          byEnvironment: {
            type: "object",
            additionalProperties: {
              type: "object",
              properties: { enabled: { type: "boolean" } },
            },
          },
          source: {
            oneOf: [
              { type: "object", properties: { table: { type: "string" } } },
              { type: "object", properties: { query: { type: "string" } } },
            ],
          },
        },
        required: ["id", "status"],
      },
      Owner: { type: "object", properties: { name: { type: "string" } } },
    },
  },
};

const gate = (fields: Record<string, unknown> = {}) => ({
  id: "new_checkout",
  status: "active",
  count: 3,
  weight: 0.5,
  owner: { name: "Ada" },
  createdAt: "2026-12-05T10:00:00Z",
  targetValue: ["a"],
  rules: [{ conditions: [{ type: "user_id" }, { type: "email" }] }],
  extra: { anything: { goes: 1 } },
  ...fields,
});
const list = (...gates: unknown[]) => ({ message: "ok", data: gates });
const check = createResponseChecker(compileResponseTables(spec) as unknown as ResponseTables);
const ok = (body: unknown) => ({
  method: "GET",
  path: "/console/v1/gates",
  status: 200,
  contentType: "application/json; charset=utf-8",
  body,
});
const finding = (pointer: string, kind: string, expected: string, received: string) => ({
  method: "GET",
  path: "/console/v1/gates",
  status: 200,
  pointer,
  kind,
  expected,
  received,
});

describe("a response checked against the spec", () => {
  test("a body the spec allows, declared properties only: no findings", () => {
    expect(check(ok(list(gate(), gate({ targetValue: "a" }))))).toEqual([]);
  });

  test("each kind of difference, at its pointer with array indices as *, received as a value only for enums", () => {
    const drifted = gate({
      status: "paused",
      count: "3",
      weight: 0,
      owner: null,
      createdAt: "yesterday",
      targetValue: { secret: "ada@example.com" },
      rules: [{ conditions: [{ type: "user_id" }, { type: "user_agent" }] }],
      lastModifierEmail: "ada@example.com",
    });
    delete (drifted as Record<string, unknown>).id;
    const findings = check(ok(list(drifted)));
    expect(findings).toHaveLength(9);
    expect(findings).toEqual(
      expect.arrayContaining([
        finding("/data/*/id", "missing-required", "present", "absent"),
        finding("/data/*/status", "enum-value", "active | archived", "paused"),
        finding("/data/*/count", "type", "integer", "string"),
        finding("/data/*/weight", "format", "exclusiveMinimum 0", "integer"),
        finding("/data/*/owner", "null", "object", "null"),
        finding("/data/*/createdAt", "format", "format date-time", "string"),
        // Both oneOf branches fail: one finding, both expectations; the object itself is never copied.
        finding("/data/*/targetValue", "type", "array | string", "object"),
        finding("/data/*/rules/*/conditions/*/type", "enum-value", "user_id | email", "user_agent"),
        // Not in `properties`, though Gate allows no additional properties it does not forbid them either.
        finding("/data/*/lastModifierEmail", "unknown-property", "not declared", "string"),
      ]),
    );
    expect(JSON.stringify(findings)).not.toContain("ada@example.com");
  });

  test("an undeclared status and a content type the operation does not declare", () => {
    expect(check({ ...ok(undefined), status: 500, contentType: "text/html" })).toEqual([
      { ...finding("", "status", "200 | 401", "500"), status: 500 },
    ]);
    expect(check({ ...ok("<html>"), contentType: "text/html; charset=utf-8" })).toEqual([
      finding("", "content-type", "application/json", "text/html"),
    ]);
    expect(check({ ...ok(undefined), contentType: null })).toEqual([
      finding("", "content-type", "application/json", "none"),
    ]);
  });

  test("an operation the spec does not have is an error naming it, not a finding", () => {
    expect(() => check({ ...ok(list()), path: "/console/v1/nope" })).toThrow(
      "GET /console/v1/nope is not an operation",
    );
  });

  test("unknown properties: a property one oneOf branch declares is known; map values are checked under *", () => {
    const body = list(
      gate({
        source: { query: "select 1" },
        byEnvironment: {
          production: { enabled: true },
          staging: { enabled: false, rolloutId: 7 },
        },
        extra: { free: "form" },
      }),
    );
    expect(check(ok(body))).toEqual([
      finding("/data/*/byEnvironment/*/rolloutId", "unknown-property", "not declared", "integer"),
    ]);
  });
});

describe("what a report may hold", () => {
  test("keys of maps and undeclared keys that read like data are written *: no email, name or id in a pointer", () => {
    const body = list(
      gate({
        byEnvironment: {
          "alice@example.com": { enabled: "yes" },
          user_8812: { enabled: true, "bob.smith@example.com": 1 },
        },
        owner: { name: "Ada", "carol@example.com": true, reviewerNote: "x" },
      }),
    );
    const findings = check(ok(body));
    expect(findings).toEqual(
      expect.arrayContaining([
        finding("/data/*/byEnvironment/*/enabled", "type", "boolean", "string"),
        finding("/data/*/byEnvironment/*/*", "unknown-property", "not declared", "integer"),
        finding("/data/*/owner/*", "unknown-property", "not declared", "boolean"),
        // A field-like name is what the spec lacks, and stays: the overlay draft declares it.
        finding("/data/*/owner/reviewerNote", "unknown-property", "not declared", "string"),
      ]),
    );
    expect(JSON.stringify(findings)).not.toMatch(/example\.com|user_8812/);
  });

  test("a value of another type than the enum's is a type finding, never a new enum value; null is a null", () => {
    const tables = compileResponseTables({
      ...spec,
      components: {
        schemas: {
          ...spec.components.schemas,
          Gate: {
            type: "object",
            properties: {
              code: { enum: [404, 500] },
              level: { type: "string", enum: ["low", "high"] },
              flag: { enum: [true] },
            },
          },
        },
      },
    }) as unknown as ResponseTables;
    const findings = createResponseChecker(tables)(ok(list({ code: "404", level: null, flag: false }, { code: 501 })));
    expect(findings).toEqual(
      expect.arrayContaining([
        finding("/data/*/code", "type", "number", "string"),
        finding("/data/*/level", "null", "string", "null"),
        finding("/data/*/flag", "enum-value", "true", "false"),
        finding("/data/*/code", "enum-value", "404 | 500", "501"),
      ]),
    );
    expect(findings).toHaveLength(4);
  });
});

describe("the report", () => {
  test("the same finding across items and pages is kept once with a count; 403s are not visible; order is fixed", () => {
    const collector = new DriftCollector();
    for (const page of [
      list(gate({ status: "paused" }), gate({ status: "paused" })),
      list(gate({ status: "paused" })),
    ]) {
      collector.request("get", "/console/v1/gates", 200);
      collector.findings(check(ok(page)));
    }
    collector.request("GET", "/console/v1/gates/{id}", 403);
    collector.request("GET", "/console/v1/gates/{id}", 403);
    collector.findings(check(ok(list(gate({ count: 1.5 })))));

    const report = collector.report();
    expect(report.findings).toEqual([
      { ...finding("/data/*/count", "type", "integer", "number"), count: 1 },
      {
        ...finding("/data/*/status", "enum-value", "active | archived", "paused"),
        count: 3,
      },
    ]);
    expect(report.requests).toEqual([
      { method: "GET", path: "/console/v1/gates", status: 200, count: 2 },
      { method: "GET", path: "/console/v1/gates/{id}", status: 403, count: 2 },
    ]);
    expect(report.notVisible).toEqual([{ method: "GET", path: "/console/v1/gates/{id}" }]);
  });
});
