import { describe, expect, test } from "vitest";
import { emitOpenapiTypes } from "../src/index.js";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const enumOf = (...values: string[]) => ({ type: "string", enum: values });

/** A small spec with one enum of each kind, through the real generator (openapi-typescript). */
const spec = {
  openapi: "3.0.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things": {
      post: {
        requestBody: json({ $ref: "#/components/schemas/ThingCreate" }),
        responses: { "201": { description: "ok", ...json({ $ref: "#/components/schemas/Thing" }) } },
      },
    },
  },
  components: {
    schemas: {
      ThingCreate: {
        type: "object",
        properties: { size: enumOf("S", "M"), shared: { $ref: "#/components/schemas/Shared" } },
      },
      Thing: {
        type: "object",
        required: ["kind"],
        properties: {
          kind: enumOf("a", "b"),
          maybe: { ...enumOf("x", "y"), nullable: true, description: "Maybe a letter." },
          tags: { type: "array", items: enumOf("red", "blue") },
          variant: enumOf("only"),
          shared: { $ref: "#/components/schemas/Shared" },
        },
      },
      Shared: { type: "object", properties: { mode: enumOf("on", "off") } },
    },
  },
};

describe("open response enums (generator)", async () => {
  const split = await emitOpenapiTypes(spec);
  const types = `${split.components}\n${split.pathsAndOperations}`;
  const line = (name: string) =>
    types
      .split("\n")
      .find((l) => l.trim().startsWith(`${name}`))
      ?.trim();

  test("a string enum reached from a response is its values plus any string", () => {
    expect(line("kind:")).toBe('kind: ("a" | "b") | (string & {});');
    expect(line("tags?:")).toBe('tags?: (("red" | "blue") | (string & {}))[];');
  });
  test("nullability and the description survive the rewrite", () => {
    expect(line("maybe?:")).toBe('maybe?: ("x" | "y" | null) | (string & {});');
    expect(types).toContain("@description Maybe a letter.");
  });
  test("a request-only enum and a one-value enum stay closed; a schema in both is open", () => {
    expect(line("size?:")).toBe('size?: "S" | "M";');
    expect(line("variant?:")).toBe('variant?: "only";');
    expect(line("mode?:")).toBe('mode?: ("on" | "off") | (string & {});');
  });
  test("the input spec is not modified (Prism and the published openapi.json keep the plain enum)", () => {
    expect(spec.components.schemas.Thing.properties.kind).toEqual(enumOf("a", "b"));
  });
});
