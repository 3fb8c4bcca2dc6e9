import { describe, expect, test } from "vitest";
import { operationCatalogue } from "../../types/src/generated/catalogue.js";
import { buildCatalogue, loadOverlaidSpec, operationName } from "../src/index.js";
import { HTTP_METHODS } from "../src/validate-spec.js";
import { overlaysDir, specFile } from "./paths.js";

const { spec } = await loadOverlaidSpec({ specFile, overlaysDir });
const specOperations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
  HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
);

describe("operation catalogue", () => {
  test("has exactly one entry per operation of the overlaid spec (244)", () => {
    expect(specOperations.length).toBe(244);
    const keys = operationCatalogue.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual([...specOperations].sort());
  });

  test("names are unique, derived from method + path, and stable", () => {
    expect(new Set(operationCatalogue.map((op) => op.name)).size).toBe(244);
    expect(operationName("GET", "/console/v1/gates")).toBe("getGates");
    expect(operationName("PATCH", "/console/v1/gates/{id}/rules/{ruleID}")).toBe("patchGatesByIdRulesByRuleID");
    expect(operationCatalogue.find((op) => op.path === "/console/v1/ingestion" && op.method === "PATCH")?.name).toBe(
      "patchIngestion",
    );
  });

  test("records parameters, bodies and pagination", () => {
    const listGates = operationCatalogue.find((op) => op.name === "getGates");
    expect(listGates).toMatchObject({ paginated: true, hasBody: false, tags: ["Gates", "MCP"], summary: "List Gates" });
    expect(listGates?.queryParams).toEqual(expect.arrayContaining(["page", "limit", "idType"]));
    expect(operationCatalogue.filter((op) => op.paginated).length).toBe(41);
    expect(operationCatalogue.filter((op) => op.hasBody).length).toBe(106);
    expect(operationCatalogue.find((op) => op.name === "patchGatesByIdRulesByRuleID")?.pathParams).toEqual([
      "id",
      "ruleID",
    ]);
    expect(operationCatalogue.find((op) => op.name === "postGates")?.successStatus).toBe(201);
  });

  test("the committed catalogue is what buildCatalogue computes", () => {
    expect(JSON.parse(JSON.stringify(operationCatalogue))).toEqual(buildCatalogue(spec));
  });
});
