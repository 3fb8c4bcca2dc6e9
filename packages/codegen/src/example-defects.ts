import { isObject, type Json, operations } from "./openapi-doc.js";
import { createValidator, responseSchemaPointer } from "./schema-validator.js";

/** One response example that its own (overlaid) schema rejects. */
export interface ExampleDefect {
  operation: string;
  status: string;
  /** Where the example sits: `example`, `schema.example` or `examples.<name>`. */
  example: string;
  /** The first reason the schema gives, e.g. `/data must be array`. */
  cause: string;
}

/**
 * Every JSON response example that fails its own response schema. These are known and left as they are:
 * REAL-API-EVIDENCE.md shows the live API follows the schema in these places (examples without the envelope,
 * without pagination, trimmed DTOs), so they are listed for reviewers, and a new one after a spec update
 * shows up in the report's diff and in the changeset.
 */
export function findExampleDefects(spec: Json): ExampleDefect[] {
  // Only the first failure is reported, so validation may stop there (smaller validators, faster to compile).
  const validator = createValidator(spec, { allErrors: false });
  const defects: ExampleDefect[] = [];
  for (const { path, method, operation } of operations(spec)) {
    if (!isObject(operation.responses)) continue;
    for (const [status, response] of Object.entries(operation.responses)) {
      const media = isObject(response) && isObject(response.content) ? response.content["application/json"] : null;
      if (!isObject(media) || !isObject(media.schema)) continue;
      const examples = examplesOf(media);
      if (examples.length === 0) continue;
      let validate: ReturnType<typeof validator.at>;
      try {
        validate = validator.at(responseSchemaPointer(path, method, status));
      } catch (error) {
        // A schema no validator can compile (e.g. `nullable` without `type`) is itself worth reporting.
        const cause = `schema does not compile: ${(error as Error).message.split("\n")[0]}`;
        for (const [where] of examples) defects.push({ operation: label(method, path), status, example: where, cause });
        continue;
      }
      for (const [where, value] of examples) {
        if (validate(value)) continue;
        const first = validate.errors?.[0];
        defects.push({
          operation: label(method, path),
          status,
          example: where,
          cause: first ? `${first.instancePath || "(root)"} ${first.message ?? "is invalid"}` : "is invalid",
        });
      }
    }
  }
  return defects;
}

const label = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

function examplesOf(media: Json): [string, unknown][] {
  const found: [string, unknown][] = [];
  if (media.example !== undefined) found.push(["example", media.example]);
  if (isObject(media.schema) && media.schema.example !== undefined)
    found.push(["schema.example", media.schema.example]);
  for (const [name, example] of Object.entries(isObject(media.examples) ? media.examples : {})) {
    if (isObject(example) && example.value !== undefined) found.push([`examples.${name}`, example.value]);
  }
  return found;
}

const key = (d: ExampleDefect) => `${d.operation} ${d.status} ${d.example}: ${d.cause}`;

/** Defects in `after` that `before` did not have (what a spec update introduced). */
export function newExampleDefects(before: ExampleDefect[], after: ExampleDefect[]): ExampleDefect[] {
  const known = new Set(before.map(key));
  return after.filter((d) => !known.has(key(d)));
}

/** The committed report: generated, rewritten by `pnpm generate` and `pnpm spec:update`, drift-checked. */
export function renderExampleDefects(defects: ExampleDefect[], banner: string): string {
  const operations = new Set(defects.map((d) => d.operation)).size;
  const rows = defects.map(
    (d) => `| \`${d.operation}\` | ${d.status} | \`${d.example}\` | ${d.cause.replaceAll("|", "\\|")} |`,
  );
  return `<!--\n${banner.trim()}\n-->

# Known example defects

Response examples in the overlaid spec that fail their own schema: **${defects.length}** in **${operations}**
operations. The live API follows the schema here (see the overlays' sources), so the examples are listed, not
fixed; Prism's contract mock builds responses from the schemas (\`--dynamic\`) for this reason. A spec update that
adds one shows it in this file's diff and in its changeset.

| operation | status | example | first failure |
| --- | --- | --- | --- |
${rows.join("\n")}
`;
}
