import { expect, test } from "vitest";
import { buildCatalogue } from "../src/catalogue.js";
import { emitOpenapiTypes, emitOperationIndex, emitSchemaAliases } from "../src/emit.js";

test("a schema alias carries the first paragraph of its schema's description; one without stays bare", () => {
  const aliases = emitSchemaAliases({
    components: {
      schemas: {
        Gate: { type: "object", description: "A feature gate.\nSecond line.\n\nLong prose that stays in the spec. */" },
        "Odd-Name": { type: "string" },
      },
    },
  });
  expect(aliases).toContain(
    '/**\n * A feature gate.\n * Second line.\n */\nexport type Gate = components["schemas"]["Gate"];',
  );
  expect(aliases).not.toContain("Long prose");
  expect(aliases).toContain('\nexport type Odd_Name = components["schemas"]["Odd-Name"];');
  expect(aliases).not.toMatch(/\*\/\nexport type Odd_Name/);
});

test("the operation index holds openapi-typescript's own types and needs only components", async () => {
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  const page = (data: unknown) =>
    json({ type: "object", required: ["data"], properties: { data, pagination: { type: "object" } } });
  const spec = {
    openapi: "3.0.0",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "getThings",
          parameters: [{ name: "page", in: "query", schema: { type: "number" } }],
          responses: {
            200: { description: "ok", ...page({ type: "array", items: { $ref: "#/components/schemas/Thing" } }) },
            401: { $ref: "#/components/responses/Unauthorized" },
          },
        },
        post: {
          operationId: "postThings",
          requestBody: { required: true, ...json({ $ref: "#/components/schemas/Thing" }) },
          responses: { 201: { description: "created", ...json({ $ref: "#/components/schemas/Thing" }) } },
        },
      },
      "/list": {
        get: {
          operationId: "getList",
          parameters: [{ name: "page", in: "query", schema: { type: "number" } }],
          responses: { 200: { description: "one object that pages inside", ...page({ type: "object" }) } },
        },
      },
    },
    components: {
      schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } },
      responses: {
        Unauthorized: {
          description: "no key",
          ...json({ type: "object", properties: { message: { type: "string" } } }),
        },
      },
    },
  };
  const split = await emitOpenapiTypes(spec);
  const index = emitOperationIndex(spec, buildCatalogue(spec), split.operations);
  expect(index).toMatch(/^import type \{ components \} from "\.\/components\.js";/);
  expect(index).not.toContain("operations[");
  const entry = (method: string) => index.slice(index.indexOf(`export interface ${method}Operations`));
  expect(entry("Get")).toContain('data: {\n        data: components["schemas"]["Thing"][];');
  // The shared 401 is followed through components.responses to its JSON body.
  expect(entry("Get")).toMatch(/error: \{\n\s+message\?: string;\n\s+\};/);
  expect(entry("Post")).toContain('      body: components["schemas"]["Thing"];\n    };');
  // The operation is named on `params` and `body`, where editors show it at the call site.
  expect(entry("Post")).toMatch(/\* POST \/things\n\s+\*\/\n\s+params\?:/);
  expect(entry("Post")).toContain("required: true;");
  expect(entry("Post")).toContain("error: never;");
  // /list pages, but its data is one object: paginate cannot walk it.
  expect(index).toContain('"/things": GetOperations["/things"]["data"]["data"][number];');
  expect(index.slice(index.indexOf("interface ListItems"))).not.toContain('"/list"');
  expect(split.components).toMatch(/^export interface components/);
  expect(split.pathsAndOperations).toContain("export interface operations");
  expect(split.pathsAndOperations).not.toContain("export interface components");
});
