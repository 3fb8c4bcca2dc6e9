import { expect, test } from "vitest";
import { emitSchemaAliases } from "../src/emit.js";

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
