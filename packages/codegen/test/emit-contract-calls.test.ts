import { describe, expect, test } from "vitest";
import { buildCatalogue } from "../src/catalogue.js";
import { emitContractCalls } from "../src/emit-contract-calls.js";

// A small spec with what the emitter must get right: an empty parameter group, a text response, a body whose
// example declares more than its schema, and a property called "example".
const spec = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {
    "/console/v1/things/{id}": {
      post: {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        requestBody: {
          content: {
            "application/json": {
              schema: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
              example: { name: "from the example", undeclared: true },
            },
          },
        },
        responses: {
          "201": {
            description: "ok",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { example: { type: "integer" }, list: { description: "untyped", items: {} } },
                  example: { example: 7 },
                },
              },
            },
          },
        },
      },
    },
    "/console/v1/report": {
      get: { responses: { "200": { description: "csv", content: { "text/csv": { schema: { type: "string" } } } } } },
    },
  },
};

describe("emitContractCalls", () => {
  const files = emitContractCalls(spec, buildCatalogue(spec), "// banner\n");
  const post = files.get("postThingsById.ts") ?? "";
  const report = files.get("getReport.ts") ?? "";

  test("one file per operation and an index keyed by name, each starting with the banner", () => {
    expect([...files.keys()].sort()).toEqual(["getReport.ts", "index.ts", "postThingsById.ts"]);
    for (const text of files.values()) expect(text.startsWith("// banner\n")).toBe(true);
    expect(files.get("index.ts")).toContain("} satisfies Record<OperationName, TypedCall>;");
  });

  test("the request fills path parameters, leaves empty groups out, and samples the body from the schema", () => {
    expect(post).toContain('"path": {\n      "id": "test_id"\n    }');
    expect(post).not.toContain('"query"');
    expect(post).not.toContain("from the example");
    expect(post).toContain('satisfies Operation["init"]');
    expect(report).not.toContain('"params"');
  });

  test("the response sample comes from the schema, keeps a property called example, and is checked", () => {
    expect(post).toMatch(
      /export const response = \{\n {2}"example": 0,\n {2}"list": null\n\} satisfies Operation\["data"\];/,
    );
    expect(report).not.toContain("export const response");
  });

  test("a body gets an invalid twin; a text response is asked for as text", () => {
    expect(post).toContain("export const invalidBody: unknown = {};");
    expect(report).toContain('client.GET("/console/v1/report", { ...request, parseAs: "text" })');
    expect(post).toContain('client.POST("/console/v1/things/{id}", request)');
  });
});
