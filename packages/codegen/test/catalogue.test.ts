import { describe, expect, test } from "vitest";
import { buildCatalogue, loadOverlaidSpec, operationName } from "../src/index.js";
import { HTTP_METHODS } from "../src/openapi-doc.js";
import { overlaysDir, specFile } from "./paths.js";

const { spec } = await loadOverlaidSpec({ specFile, overlaysDir });
// The generator's catalogue of the overlaid spec; generate:check holds the committed one to it.
const operationCatalogue = buildCatalogue(spec);
const specOperations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
  HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
);

describe("operation catalogue", () => {
  test("has exactly one entry per operation of the overlaid spec", () => {
    expect(specOperations.length).toBeGreaterThan(0);
    const keys = operationCatalogue.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...specOperations].sort());
  });

  test("names are unique, derived from method + path, and stable", () => {
    expect(new Set(operationCatalogue.map((op) => op.name)).size).toBe(operationCatalogue.length);
    expect(operationName("GET", "/console/v1/gates")).toBe("getGates");
    expect(operationName("PATCH", "/console/v1/gates/{id}/rules/{ruleID}")).toBe("patchGatesByIdRulesByRuleID");
    expect(operationName("PATCH", "/console/v1/ingestion")).toBe("patchIngestion");
    for (const op of operationCatalogue) expect(op.name).toBe(operationName(op.method, op.path));
  });

  test("records parameters, bodies and pagination as the overlaid spec declares them", () => {
    const paths = spec.paths as Record<string, Record<string, Record<string, unknown>>>;
    for (const op of operationCatalogue) {
      const operation = paths[op.path]?.[op.method.toLowerCase()] ?? {};
      expect([...op.pathParams].sort(), op.name).toEqual([...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort());
      expect(op.hasBody, op.name).toBe(operation.requestBody !== undefined);
      expect(op.paginated && !op.queryParams.includes("page"), op.name).toBe(false);
      expect(Object.keys(operation.responses as object), op.name).toContain(String(op.successStatus));
    }
    // Every release so far has list endpoints and bodies; a catalogue with none of either means a broken builder.
    expect(operationCatalogue.some((op) => op.paginated)).toBe(true);
    expect(operationCatalogue.some((op) => op.hasBody)).toBe(true);
  });

  test("builds the expected rows on a small spec (facts of a fixed input, not of the vendored release)", () => {
    const page = { name: "page", in: "query", schema: { type: "integer" } };
    const list = {
      tags: ["Gates"],
      summary: "List Gates",
      parameters: [page, { name: "idType", in: "query", required: true, schema: { type: "string" } }],
      responses: {
        "200": {
          content: {
            "application/json": {
              schema: { allOf: [{ properties: { pagination: { type: "object" } } }, { properties: { data: {} } }] },
            },
          },
        },
      },
    };
    const create = {
      requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
      responses: { "201": { description: "created" }, "400": { description: "bad" } },
    };
    const rule = { parameters: [page], responses: { "200": { description: "ok" } } };
    const small = {
      paths: {
        "/console/v1/gates": { get: list, post: create },
        "/console/v1/gates/{id}/rules/{ruleID}": {
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "ruleID", in: "path", required: true, schema: { type: "string" } },
          ],
          patch: rule,
        },
      },
    };
    expect(buildCatalogue(small)).toEqual([
      {
        name: "getGates",
        method: "GET",
        path: "/console/v1/gates",
        tags: ["Gates"],
        summary: "List Gates",
        pathParams: [],
        queryParams: ["page", "idType"],
        requiredQueryParams: ["idType"],
        hasBody: false,
        bodyRequired: false,
        paginated: true,
        successStatus: 200,
      },
      expect.objectContaining({ name: "postGates", hasBody: true, bodyRequired: true, successStatus: 201 }),
      // `page` without a `pagination` in the response is not a paginated list.
      expect.objectContaining({ name: "patchGatesByIdRulesByRuleID", pathParams: ["id", "ruleID"], paginated: false }),
    ]);
  });
});
