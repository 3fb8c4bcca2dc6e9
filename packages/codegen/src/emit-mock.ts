import { readFileSync } from "node:fs";
import { sample } from "openapi-sampler";
import { applyMockRules, renderApiRules } from "./apply-mock-rules.js";
import type { OperationEntry } from "./catalogue.js";
import type { ExampleDefect } from "./example-defects.js";
import { deriveSampledAnswers } from "./mock-example-answers.js";
import { deriveFamilies, type Family, renderCoverage } from "./mock-families.js";
import { applyParts } from "./mock-parts.js";
import { MOCK_RULES } from "./mock-rules.js";
import { bodyShape, propertiesOf, successSchema } from "./mock-schemas.js";
import { type Json, operationAt, resolve, withoutExamples } from "./openapi-doc.js";

/**
 * The mock package's `generated/` folder: the families its stateful mode serves (each with the body its answers
 * carry, and a template entity every declared property of the item has), and the coverage table.
 */
export function emitMockFiles(
  spec: Json,
  catalogue: OperationEntry[],
  banner: string,
  exampleDefects: readonly ExampleDefect[] = [],
): Map<string, string> {
  // Bodies built from the schemas alone: some examples fail their own schema, and Prism checks every answer.
  const bare = withoutExamples(spec) as Json;
  const derived = deriveFamilies(catalogue, {
    listsItems: (collection, item) => {
      const read = resolve(bare, propertiesOf(bare, successSchema(bare, item, "get", 200)).data);
      const listed = resolve(bare, propertiesOf(bare, successSchema(bare, collection, "get", 200)).data) as Json;
      return JSON.stringify(read) === JSON.stringify(resolve(bare, listed?.items));
    },
  });
  const shaped = derived.families.map((family) => withShapes(bare, family));
  const withParts = applyParts(bare, catalogue, shaped, derived.coverage);
  const ruled = applyMockRules(bare, catalogue, withParts.families, withParts.coverage, MOCK_RULES);
  const sampled = deriveSampledAnswers(spec, bare, catalogue, ruled.coverage, exampleDefects);
  const rows = ruled.families.map((family) => `  ${JSON.stringify(family)},`);
  const answers = Object.entries(sampled.answers).map(
    ([op, answer]) => `  ${JSON.stringify(op)}: ${JSON.stringify(answer)},`,
  );
  return new Map([
    // The shapes below, as the generator's own source declares them (one definition, shipped by the mock).
    ["family.ts", banner + readFileSync(new URL("../src/mock-family-types.ts", import.meta.url), "utf8")],
    [
      "families.ts",
      [
        banner.trimEnd(),
        'import type { Family } from "./family.js";',
        "",
        "/** Where the spec is regular enough for state: a collection POST, an item GET, update and DELETE. */",
        `export const families: readonly Family[] = [\n${rows.join("\n")}\n];`,
        "",
      ].join("\n"),
    ],
    ["entities.ts", banner + emitEntities(bare, derived.families)],
    ["coverage.md", renderCoverage(sampled.coverage, banner)],
    [
      "sampled-answers.ts",
      [
        banner.trimEnd(),
        'import type { SampledAnswer } from "./family.js";',
        "",
        "/** Answers built from the schemas, by operation, where the spec's own examples fail them (see coverage.md). */",
        `export const sampledAnswers: Readonly<Record<string, SampledAnswer>> = {\n${answers.join("\n")}\n};`,
        "",
      ].join("\n"),
    ],
    ["api-rules.md", renderApiRules(ruled.uses, banner)],
  ]);
}

/** What `mock.load()` takes: each family's entities, typed by the schema its item GET answers with. */
function emitEntities(spec: Json, families: Family[]): string {
  const fields = families.map((family) => {
    const data = propertiesOf(spec, successSchema(spec, family.item, "get", family.read.status)).data as
      | Json
      | undefined;
    const name = typeof data?.$ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(data.$ref)?.[1] : undefined;
    const type = name ? `components["schemas"][${JSON.stringify(name)}]` : "Record<string, unknown>";
    return `  ${JSON.stringify(family.name)}?: ${type}[];`;
  });
  return [
    'import type { components } from "@org/statsig-console-types";',
    "",
    "/** Entities to load into the stateful mock, by family: each as the family's item GET answers with it. */",
    `export interface LoadableEntities {\n${fields.join("\n")}\n}`,
    "",
  ].join("\n");
}

const ROLES = [
  ["create", "post", "collection"],
  ["list", "get", "collection"],
  ["read", "get", "item"],
  ["replace", "post", "item"],
  ["merge", "patch", "item"],
  ["remove", "delete", "item"],
] as const;

/** Each role's answer shape (`page`: data and pagination; `data`; `message` only), and the item template. */
function withShapes(spec: Json, family: Family): Family {
  const out: Family = structuredClone(family);
  for (const [role, method, where] of ROLES) {
    const entry = out[role];
    if (!entry) continue;
    entry.body = bodyShape(spec, successSchema(spec, family[where], method, entry.status));
  }
  const read = propertiesOf(spec, successSchema(spec, family.item, "get", family.read.status));
  out.template = sample(read.data as never, { skipReadOnly: false, skipWriteOnly: true, skipNonRequired: false }, spec);
  out.requiredTemplate = sample(
    read.data as never,
    { skipReadOnly: false, skipWriteOnly: true, skipNonRequired: true },
    spec,
  );
  // The smallest bodies the spec accepts (required fields only), for tests that need any entity of the family.
  const smallest = (path: string, method: string) => {
    const operation = operationAt(spec, path, method);
    const body = ((resolve(spec, operation?.requestBody) as Json | undefined)?.content as Json | undefined)?.[
      "application/json"
    ] as Json | undefined;
    return body?.schema ? sample(body.schema as never, { skipReadOnly: true, skipNonRequired: true }, spec) : undefined;
  };
  out.examples = {
    create: smallest(family.collection, "post"),
    ...(family.merge ? { merge: smallest(family.item, "patch") } : {}),
    ...(family.replace ? { replace: smallest(family.item, "post") } : {}),
  };
  return out;
}
