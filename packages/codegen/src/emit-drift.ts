import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";
import type { OperationEntry } from "./catalogue.js";
import { CodegenError } from "./errors.js";
import { isObject, type Json, operations, pointerPath, resolve, resolvePointer } from "./openapi-doc.js";
import { toJsonSchemaBounds } from "./schema-validator.js";

/** What ajv's standalone output `require`s, as the generated module provides it. */
const RUNTIME_HELPERS: Record<string, string> = {
  "ajv-formats/dist/formats": "{ fullFormats }",
  // ajv counts a surrogate pair as one character: the number of code points.
  "ajv/dist/runtime/ucs2length.default": "codePoints",
};

/** By operation (`GET /console/v1/gates`), then status key, then media type. */
type Table<T> = Record<string, Record<string, Record<string, T | null>>>;

/** The media-type row of one operation's status, created empty when missing. */
function slot<T>(table: Table<T>, operation: string, status: string): Record<string, T | null> {
  const statuses = table[operation] ?? {};
  table[operation] = statuses;
  const row = statuses[status] ?? {};
  statuses[status] = row;
  return row;
}

/** One response body the spec declares: the operation, its status key, its media type and where its schema is. */
interface DeclaredBody {
  operation: string;
  status: string;
  mediaType: string;
  /** JSON pointer into the overlaid spec, or undefined when the media type declares no schema. */
  schemaPointer: string | undefined;
}

/** Every declared response body of every operation, `$ref`'d responses followed to where their schema is. */
function declaredBodies(spec: Json): { bodies: DeclaredBody[]; statusesWithoutBody: [string, string][] } {
  const bodies: DeclaredBody[] = [];
  const statusesWithoutBody: [string, string][] = [];
  for (const { path, method, operation } of operations(spec)) {
    if (!isObject(operation.responses)) continue;
    const name = `${method.toUpperCase()} ${path}`;
    for (const [status, declared] of Object.entries(operation.responses)) {
      // A response is either inline (its pointer is under the operation) or one `$ref` to components.responses.
      const ref = isObject(declared) && typeof declared.$ref === "string" ? declared.$ref : undefined;
      const base = ref ?? `#${pointerPath("paths", path, method, "responses", status)}`;
      const response = resolve(spec, declared) as Json;
      const content = isObject(response?.content) ? response.content : {};
      if (Object.keys(content).length === 0) statusesWithoutBody.push([name, status]);
      for (const [mediaType, media] of Object.entries(content)) {
        const schemaPointer =
          isObject(media) && media.schema !== undefined
            ? `${base}${pointerPath("content", mediaType, "schema")}`
            : undefined;
        bodies.push({ operation: name, status, mediaType, schemaPointer });
      }
    }
  }
  return { bodies, statusesWithoutBody };
}

/**
 * The drift package's `generated/` folder: validators for every declared response body, compiled ahead of time
 * (workerd and strict CSPs refuse `new Function`), the response schemas they came from (the walk for properties the
 * schema does not list reads them), and the read-only walk over the project.
 */
export function emitDriftFiles(spec: Json, catalogue: OperationEntry[], banner: string): Map<string, string> {
  const { bodies, statusesWithoutBody } = declaredBodies(spec);
  return new Map([
    // Plain JavaScript with a declaration beside it: 2 MB of ajv's output is not worth TypeScript's time (it was
    // parsed by every build, type-check and test run).
    ["response-validators.js", banner + emitResponseValidators(spec, bodies, statusesWithoutBody)],
    [
      "response-validators.d.ts",
      `${banner}import type { ResponseValidatorTable } from "../validator-table.js";\n\n/** By operation (\`GET /console/v1/gates\`), then status key, then media type: the body's validator, or null. */\nexport declare const responseValidators: ResponseValidatorTable;\n`,
    ],
    ["response-schemas.ts", banner + emitResponseSchemas(spec, bodies, statusesWithoutBody)],
    ["walk-plan.ts", banner + emitWalkPlan(catalogue)],
  ]);
}

/** The ajv the drift validators are compiled with, ahead of time by the generator or at run time by tests. */
function driftAjv(spec: Json, standalone: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    allowUnionTypes: true,
    multipleOfPrecision: 9,
    // Findings are built from keyword, params and instance path; messages would only add bytes.
    messages: false,
    inlineRefs: false,
    code: { source: standalone, esm: true },
  });
  addFormats.default(ajv);
  // OpenAPI's numeric formats are type hints, not string formats.
  for (const format of ["int32", "int64", "float", "double"]) ajv.addFormat(format, true);
  ajv.addSchema(toJsonSchemaBounds(spec), "spec");
  return ajv;
}

/**
 * The tables the drift package's checker reads, compiled in memory: for tests that check a small spec of their
 * own. The generator writes the same tables, compiled ahead of time, into the drift package.
 */
export function compileResponseTables(spec: Json) {
  const { bodies, statusesWithoutBody } = declaredBodies(spec);
  const ajv = driftAjv(spec, false);
  const validators: Table<unknown> = {};
  for (const body of bodies) {
    slot(validators, body.operation, body.status)[body.mediaType] = body.schemaPointer
      ? ajv.compile({ $ref: `spec${body.schemaPointer}` })
      : null;
  }
  for (const [operation, status] of statusesWithoutBody) slot(validators, operation, status);
  return { validators, schemas: schemaDocument(spec, bodies, statusesWithoutBody) };
}

function emitResponseValidators(spec: Json, bodies: DeclaredBody[], withoutBody: [string, string][]): string {
  const ajv = driftAjv(spec, true);
  const exportNames = new Map<string, string>();
  for (const body of bodies) {
    if (!body.schemaPointer || exportNames.has(body.schemaPointer)) continue;
    exportNames.set(body.schemaPointer, `v${exportNames.size}`);
  }
  const refs = Object.fromEntries([...exportNames].map(([pointer, name]) => [name, `spec${pointer}`]));
  let code = standaloneCode.default(ajv, refs);

  // The functions stay module-private; only the typed table below is exported.
  const functions = new Map<string, string>();
  code = code.replace(/export const (v\d+) = (validate\d+);/g, (_, name: string, fn: string) => {
    functions.set(name, fn);
    return "";
  });
  // ajv's ESM output still `require`s its runtime helpers (ajv-validator/ajv#2209), and a default import of a CommonJS
  // module means module.exports to Node but `exports.default` to bundlers: a named import, and code points inline.
  code = code.replace(/require\("([^"]+)"\)(\.default)?/g, (_, module: string, member: string | undefined) => {
    const helper = RUNTIME_HELPERS[`${module}${member ?? ""}`];
    if (!helper)
      throw new CodegenError(`drift validators: ajv's output needs ${module}, which the generator does not map`);
    return helper;
  });
  code = code.replace(/^"use strict";/, "");

  const table: Table<string> = {};
  for (const body of bodies) {
    const name = body.schemaPointer ? exportNames.get(body.schemaPointer) : undefined;
    slot(table, body.operation, body.status)[body.mediaType] = name ? (functions.get(name) as string) : "null";
  }
  for (const [operation, status] of withoutBody) slot(table, operation, status);
  const tableSource = Object.entries(table)
    .map(([operation, statuses]) => {
      const entries = Object.entries(statuses).map(([status, media]) => {
        const inner = Object.entries(media).map(([type, fn]) => `${JSON.stringify(type)}: ${fn}`);
        return `    ${JSON.stringify(status)}: { ${inner.join(", ")} },`;
      });
      return `  ${JSON.stringify(operation)}: {\n${entries.join("\n")}\n  },`;
    })
    .join("\n");

  return [
    'import { fullFormats } from "ajv-formats/dist/formats.js";',
    "const codePoints = (text) => [...text].length;",
    code.trim(),
    "",
    "/** By operation (`GET /console/v1/gates`), then status key, then media type: the body's validator, or null. */",
    `export const responseValidators = {\n${tableSource}\n};`,
    "",
  ].join("\n");
}

/** The schemas of every declared response body plus `components.schemas`, which their `$ref`s point into. */
function schemaDocument(spec: Json, bodies: DeclaredBody[], withoutBody: [string, string][]) {
  const responses: Table<unknown> = {};
  const locations: Table<string> = {};
  for (const body of bodies) {
    slot(responses, body.operation, body.status)[body.mediaType] = body.schemaPointer
      ? resolvePointer(spec, body.schemaPointer)
      : null;
    slot(locations, body.operation, body.status)[body.mediaType] = body.schemaPointer ?? null;
  }
  for (const [operation, status] of withoutBody) slot(responses, operation, status);
  return {
    responses,
    locations,
    components: { schemas: ((spec.components as Json | undefined)?.schemas ?? {}) as Json },
  };
}

function emitResponseSchemas(spec: Json, bodies: DeclaredBody[], withoutBody: [string, string][]): string {
  const doc = schemaDocument(spec, bodies, withoutBody);
  // One JSON string: cheap for TypeScript to check (an object literal this size is not) and for engines to parse.
  return [
    'import type { ResponseSchemas } from "../validator-table.js";',
    "",
    "/** By operation, status key and media type: the declared schema (null: none), and the components it references. */",
    `export const responseSchemas: ResponseSchemas = JSON.parse(${JSON.stringify(JSON.stringify(doc))});`,
    "",
  ].join("\n");
}

/**
 * What a read-only walk of a project calls: every GET without required parameters, and for each, the GET one
 * path parameter deeper, whose parameter names the field of a listed entry to read it by (`{id}` -> `entry.id`).
 * Only GETs, whatever else the catalogue holds.
 */
export function planWalk(
  catalogue: readonly Pick<OperationEntry, "method" | "path" | "pathParams" | "requiredQueryParams" | "paginated">[],
) {
  const gets = catalogue.filter((op) => op.method.toUpperCase() === "GET" && op.requiredQueryParams.length === 0);
  return gets
    .filter((op) => op.pathParams.length === 0)
    .map((list) => {
      const item = gets.find((op) => op.pathParams.length === 1 && op.path === `${list.path}/{${op.pathParams[0]}}`);
      return {
        path: list.path,
        paginated: list.paginated,
        ...(item ? { item: { path: item.path, param: item.pathParams[0] as string } } : {}),
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function emitWalkPlan(catalogue: OperationEntry[]): string {
  const steps = planWalk(catalogue).map((step) => `  ${JSON.stringify(step)},`);
  return [
    'import type { WalkStep } from "../walk-step.js";',
    "",
    "/** Every GET that needs nothing but the key, with the item GET that reads one of its entries. */",
    `export const walkPlan: readonly WalkStep[] = [\n${steps.join("\n")}\n];`,
    "",
  ].join("\n");
}
