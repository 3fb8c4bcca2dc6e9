import { expect, test } from "vitest";
import { buildCatalogue } from "../src/catalogue.js";
import { emitOpenapiTypes } from "../src/emit-openapi-types.js";
import { emitOperationIndex } from "../src/emit-operation-index.js";
import { emitSchemaAliases } from "../src/emit-schema-aliases.js";

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
  // Whitespace is openapi-typescript's printer's business: the assertions read the text with it collapsed.
  const flat = index.replace(/\s+/g, " ");
  const entry = (method: string) => flat.slice(flat.indexOf(`export interface ${method}Operations`));
  expect(entry("Get")).toContain('data: { data: components["schemas"]["Thing"][];');
  // The shared 401 is followed through components.responses to its JSON body, declared once by its status.
  expect(entry("Get")).toContain("error: Status401Error;");
  expect(flat).toContain(" type Status401Error = { message?: string; };");
  expect(entry("Post")).toContain('body: components["schemas"]["Thing"]; };');
  // The operation is named on `params` and `body`, where editors show it at the call site.
  expect(entry("Post")).toContain("* POST /things */ params?:");
  expect(entry("Post")).toContain("required: true;");
  expect(entry("Post")).toContain("error: never;");
  // /list pages, but its data is one object: paginate cannot walk it.
  expect(index).toContain('"/things": GetOperations["/things"]["data"]["data"][number];');
  expect(index.slice(index.indexOf("interface ListItems"))).not.toContain('"/list"');
  expect(split.components).toMatch(/^export interface components/);
  expect(split.pathsAndOperations).toContain("export interface operations");
  expect(split.pathsAndOperations).not.toContain("export interface components");
});

test("the index declares a repeated header, path or error body once, named for its role; names follow content, not order", async () => {
  const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
  const body = (message: string) => ({
    description: "none",
    ...json({ type: "object", properties: { message: { enum: [message] } } }),
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
    // The same body under 400 and 404: each status keeps a name of its own.
    responses: { 200: { description: "ok", ...json({ type: "string" }) }, 400: body("gone"), 404: body(message) },
  });
  const generate = async (paths: Record<string, unknown>) => {
    const spec = { openapi: "3.0.0", info: { title: "t", version: "1" }, paths };
    const split = await emitOpenapiTypes(spec);
    return emitOperationIndex(spec, buildCatalogue(spec), split.operations);
  };
  const common = {
    "/a/{id}": { get: operation("a", "the id", "gone"), delete: operation("b", "the id", "gone") },
    "/c/{id}": { get: operation("c", "another id", "missing") },
  };
  const index = await generate(common);
  const count = (text: string) => index.split(text).length - 1;
  expect(count("type XReviewHeader = ")).toBe(1);
  expect(count("header?: XReviewHeader;")).toBe(3);
  // The text most operations use takes the name; another text under that name stays inline, with its docs.
  expect(count("path: IdPathParams;")).toBe(2);
  expect(index).toMatch(/path: \{\n\s+\/\*\* @description another id \*\/\n\s+id: string;\n\s+\};/);
  expect(count("error: Status400Error | Status404Error;")).toBe(2);
  expect(index).toMatch(/error: Status400Error \| \{[\s\S]*?message\?: "missing";/);
  expect(index).toMatch(/type Status404Error = \{[\s\S]*?message\?: "gone";/);
  expect(index).not.toMatch(/IdPathParams2|Status404Error2/);
  // An operation added ahead of the others, with the rarer variant, renames nothing.
  const withNew = await generate({ "/0/{id}": { get: operation("z", "a third id", "lost") }, ...common });
  const declarations = (text: string) => text.slice(text.indexOf("\ntype ")).split("\n/**")[0];
  expect(declarations(withNew)).toBe(declarations(index));
});
