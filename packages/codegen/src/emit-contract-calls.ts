import type { OperationEntry } from "./catalogue.js";
import { invalidBody, responseSample, validRequest } from "./contract-request.js";
import { interfaceName } from "./emit-operation-index.js";
import type { Json } from "./openapi-doc.js";
import { createValidator } from "./schema-validator.js";
import { docComment } from "./ts-text.js";

/**
 * The contract suite's calls, one file per operation (so a type-check error names the operation by its file):
 * a valid request and a success body sampled from the overlaid spec, each checked with `satisfies` against the
 * generated operation index, and the typed client call that sends the request. When the generated types and the
 * spec disagree, the type-check fails here. `index.ts` gathers them, keyed by operation name; its `satisfies` makes a
 * missing or extra operation a type error too.
 */
export function emitContractCalls(spec: Json, catalogue: OperationEntry[], banner: string): Map<string, string> {
  const validator = createValidator(spec);
  const files = new Map<string, string>();
  for (const op of catalogue) files.set(`${op.name}.ts`, banner + callFile(spec, op, validator));
  files.set("index.ts", banner + indexFile(catalogue));
  return files;
}

function callFile(spec: Json, op: OperationEntry, validator: ReturnType<typeof createValidator>): string {
  const method = op.method;
  const index = interfaceName(method);
  const request = validRequest(spec, op, validator);
  const init: Json = {};
  const params: Json = {};
  // An empty group is left out: the index types a parameter group the operation lacks as `never`.
  if (Object.keys(request.params.path).length > 0) params.path = request.params.path;
  if (Object.keys(request.params.query).length > 0) params.query = request.params.query;
  if (Object.keys(params).length > 0) init.params = params;
  if ("body" in request) init.body = request.body;
  const response = responseSample(spec, op);
  const sent = request.parseAs === "json" ? "request" : `{ ...request, parseAs: ${JSON.stringify(request.parseAs)} }`;
  const lines = [
    `import type { StatsigConsoleClient } from "@org/statsig-console-client";`,
    `import type { ${index} } from "@org/statsig-console-types/operation-index";`,
    "",
    ...docComment("", [`${method} ${op.path}: ${op.summary}`]),
    `type Operation = ${index}[${JSON.stringify(op.path)}];`,
    "",
    `export const method = ${JSON.stringify(method)};`,
    `export const path = ${JSON.stringify(op.path)};`,
    "",
    `/** Valid by the spec${request.bodySource ? ` (body: ${request.bodySource === "example" ? "the spec's example" : "sampled from its schema"})` : ""}. */`,
    `export const request = ${literal(init)} satisfies Operation["init"];`,
    "",
  ];
  if (op.hasBody) {
    lines.push(
      "/** Breaks the body's schema (a required field missing, or the wrong JSON type): sent untyped. */",
      `export const invalidBody: unknown = ${literal(invalidBody(spec, op))};`,
      "",
    );
  }
  if (response) {
    lines.push(
      `/** Every property of the ${op.successStatus} body's schema: the generated type must accept it. */`,
      `export const response = ${literal(response.value)} satisfies Operation["data"];`,
      `export const responseSchema = ${JSON.stringify(response.pointer)};`,
      "",
    );
  }
  lines.push(
    `export const call = (client: StatsigConsoleClient) => client.${method}(${JSON.stringify(op.path)}, ${sent});`,
    "",
  );
  return lines.join("\n");
}

function indexFile(catalogue: OperationEntry[]): string {
  const names = catalogue.map((op) => op.name);
  return [
    `import type { OperationName } from "@org/statsig-console-types";`,
    `import type { TypedCall } from "../typed-call.js";`,
    ...names.map((name) => `import * as ${name} from "./${name}.js";`),
    "",
    "/** One typed call per operation of the catalogue. */",
    "export const typedCalls = {",
    ...names.map((name) => `  ${name},`),
    "} satisfies Record<OperationName, TypedCall>;",
    "",
  ].join("\n");
}

/** JSON is a TypeScript expression; two-space indent keeps a diff of a changed sample readable. */
function literal(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value, null, 2);
}
