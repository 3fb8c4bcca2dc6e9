import { CodegenError } from "./errors.js";
import { asArray, type HttpMethod, isObject, operations, parametersOf, resolve } from "./openapi-doc.js";

/** One row of the runtime operation catalogue (the spec has no operationIds, so `name` is derived). */
export interface OperationEntry {
  name: string;
  method: Uppercase<HttpMethod>;
  path: string;
  tags: string[];
  summary: string;
  pathParams: string[];
  queryParams: string[];
  requiredQueryParams: string[];
  hasBody: boolean;
  bodyRequired: boolean;
  paginated: boolean;
  successStatus: number;
}

/**
 * A stable name from method + path: `GET /console/v1/gates/{id}/rules` -> `getGatesByIdRules`.
 * The shared `/console/v1` prefix is dropped; collisions are rejected by buildCatalogue.
 */
export function operationName(method: string, path: string): string {
  const words = path
    .replace(/^\/console\/v\d+/, "")
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? `by_${param[1]}` : segment;
    })
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
}

/** Builds the catalogue from the overlaid spec, in spec order (paths, then methods). */
export function buildCatalogue(spec: Record<string, unknown>): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const seen = new Map<string, string>();
  for (const at of operations(spec)) {
    const { path, method, operation } = at;
    const parameters = parametersOf(spec, at);
    const named = (where: string) => parameters.filter((p) => p.in === where);
    const queryParams = named("query").map((p) => String(p.name));
    const body = resolve(spec, operation.requestBody);
    const name = operationName(method, path);
    const label = `${method.toUpperCase()} ${path}`;
    const clash = seen.get(name);
    if (clash) throw new CodegenError(`operation name "${name}" is derived from both ${clash} and ${label}`);
    seen.set(name, label);
    entries.push({
      name,
      method: method.toUpperCase() as OperationEntry["method"],
      path,
      tags: asArray(operation.tags).map(String),
      summary: typeof operation.summary === "string" ? operation.summary : "",
      pathParams: named("path").map((p) => String(p.name)),
      queryParams,
      requiredQueryParams: named("query")
        .filter((p) => p.required === true)
        .map((p) => String(p.name)),
      hasBody: isObject(body),
      bodyRequired: isObject(body) && body.required === true,
      paginated: queryParams.includes("page") && returnsPagination(spec, operation),
      successStatus: successStatus(operation),
    });
  }
  return entries;
}

function successStatus(operation: Record<string, unknown>): number {
  const codes = Object.keys(isObject(operation.responses) ? operation.responses : {}).filter((c) => /^2\d\d$/.test(c));
  return codes.length > 0 ? Number(codes.sort()[0]) : 200;
}

/** True when the 2xx JSON response has a top-level `pagination` property (directly or via allOf). */
function returnsPagination(spec: Record<string, unknown>, operation: Record<string, unknown>): boolean {
  const responses = isObject(operation.responses) ? operation.responses : {};
  return Object.entries(responses).some(([code, response]) => {
    if (!/^2\d\d$/.test(code)) return false;
    const content = resolve(spec, response);
    const media = isObject(content) && isObject(content.content) ? content.content["application/json"] : undefined;
    return isObject(media) && topLevelProperties(spec, media.schema, 0).has("pagination");
  });
}

function topLevelProperties(spec: Record<string, unknown>, schema: unknown, depth: number): Set<string> {
  const resolved = resolve(spec, schema);
  const names = new Set<string>();
  if (!isObject(resolved) || depth > 8) return names;
  if (isObject(resolved.properties)) for (const key of Object.keys(resolved.properties)) names.add(key);
  for (const part of asArray(resolved.allOf))
    for (const key of topLevelProperties(spec, part, depth + 1)) names.add(key);
  return names;
}

/**
 * The spec has no operationIds, so openapi-typescript's `operations` would be empty. Missing ones
 * are filled with the catalogue name, which makes `operations["getGates"]` usable and gives Prism
 * and consumers the same names. Existing operationIds are kept.
 */
export function assignOperationIds(spec: Record<string, unknown>, label = "the spec"): void {
  const owners = new Map<string, string>();
  for (const { path, method, operation } of operations(spec)) {
    if (typeof operation.operationId !== "string") operation.operationId = operationName(method, path);
    // Checked here, in one line: openapi-typescript would stop later with a stack trace.
    const at = `${method.toUpperCase()} ${path}`;
    const owner = owners.get(operation.operationId as string);
    if (owner) {
      throw new CodegenError(`${label}: operationId "${operation.operationId}" is used by both ${owner} and ${at}`);
    }
    owners.set(operation.operationId as string, at);
  }
}
