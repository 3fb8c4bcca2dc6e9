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
  // The shared 401 is followed through components.responses to its JSON body, declared once by its status.
  expect(entry("Get")).toContain("error: Status401Error;");
  expect(index).toMatch(/\ntype Status401Error = \{\n\s+message\?: string;\n\};/);
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

test("the index declares a repeated header, path or error body once, named for what it is", async () => {
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  const notFound = (message: string) => ({
    description: "none",
    ...json({ type: "object", properties: { status: { type: "integer", enum: [404] }, message: { enum: [message] } } }),
  });
  const review = { name: "x-review", in: "header", schema: { type: "string" } };
  const id = (description: string) => ({
    name: "id",
    in: "path",
    required: true,
    description,
    schema: { type: "string" },
  });
  const operation = (operationId: string, idDescription: string, message: string) => ({
    operationId,
    parameters: [review, id(idDescription)],
    responses: { 200: { description: "ok", ...json({ type: "string" }) }, 404: notFound(message) },
  });
  const spec = {
    openapi: "3.0.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a/{id}": { get: operation("a", "the id", "gone"), delete: operation("b", "the id", "gone") },
      "/b/{id}": { get: operation("c", "another id", "missing") },
    },
  };
  const split = await emitOpenapiTypes(spec);
  const index = emitOperationIndex(spec, buildCatalogue(spec), split.operations);
  const count = (text: string) => index.split(text).length - 1;
  // Same text, one declaration; a different text under the same name gets the next free name.
  expect(count("type XReviewHeader = ")).toBe(1);
  expect(count("header?: XReviewHeader;")).toBe(3);
  expect(count("path: IdPathParams;")).toBe(2);
  expect(count("path: IdPathParams2;")).toBe(1);
  expect(count("error: Status404Error;")).toBe(2);
  expect(count("error: Status404Error2;")).toBe(1);
  expect(index).toMatch(/type IdPathParams2 = \{\n\s+\/\*\* @description another id \*\/\n\s+id: string;\n\};/);
  expect(index).toMatch(/type Status404Error2 = \{[\s\S]*?message\?: "missing";/);
});
