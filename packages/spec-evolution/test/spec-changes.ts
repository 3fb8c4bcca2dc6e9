// biome-ignore-all lint/suspicious/noExplicitAny: these helpers edit raw spec JSON
import { HTTP_METHODS, resolvePointer, operations as walk } from "@org/statsig-console-codegen";

type Json = Record<string, any>;

export function operations(spec: Json): { method: string; path: string; operation: Json }[] {
  return [...walk(spec)];
}

/** A new GET operation, modelled on an existing GET with a path parameter (same parameters and responses). */
export function addOperation(spec: Json): { method: string; path: string } {
  const base = operations(spec).find((op) => op.method === "get" && op.path.includes("{"));
  if (!base) throw new Error("the vendored spec has no GET operation with a path parameter to model one on");
  const path = `${base.path}/spec_flow_probe`;
  const item = spec.paths[base.path] as Json;
  spec.paths[path] = {
    ...(item.parameters ? { parameters: structuredClone(item.parameters) } : {}),
    get: { ...structuredClone(base.operation), summary: "Spec flow probe", operationId: undefined },
  };
  delete spec.paths[path].get.operationId;
  return { method: "GET", path };
}

/** Appends a value to the first string enum reached from a 2xx JSON response; returns where it was. */
export function addResponseEnumValue(spec: Json, value: string): string {
  const seen = new Set<Json>();
  const visit = (node: any, at: string): string | undefined => {
    if (!node || typeof node !== "object" || seen.has(node)) return undefined;
    seen.add(node);
    if (typeof node.$ref === "string") {
      return visit(resolvePointer(spec, node.$ref), node.$ref);
    }
    if (Array.isArray(node.enum) && node.enum.length > 1 && node.enum.every((v: unknown) => typeof v === "string")) {
      node.enum.push(value);
      return at;
    }
    const children = [
      ...Object.entries((node.properties ?? {}) as Json).map(([k, v]) => [`${at}.${k}`, v] as const),
      ...(node.items ? [[`${at}[]`, node.items] as const] : []),
      ...["allOf", "anyOf", "oneOf"].flatMap((k) => ((node[k] ?? []) as Json[]).map((v) => [at, v] as const)),
    ];
    for (const [where, child] of children) {
      const found = visit(child, where);
      if (found) return found;
    }
    return undefined;
  };
  for (const { method, path, operation } of operations(spec)) {
    for (const [status, response] of Object.entries((operation.responses ?? {}) as Json)) {
      if (!/^2/.test(status)) continue;
      const found = visit(response?.content?.["application/json"]?.schema, `${method.toUpperCase()} ${path}`);
      if (found) return found;
    }
  }
  throw new Error("the vendored spec has no string enum in any response");
}

/** Rewords the summary of some operation; returns which. */
export function rewordSummary(spec: Json): { method: string; path: string } {
  const op = operations(spec).find((o) => typeof o.operation.summary === "string") ?? operations(spec)[0];
  if (!op) throw new Error("the vendored spec has no operations");
  op.operation.summary = `${op.operation.summary ?? ""} (reworded)`;
  return { method: op.method.toUpperCase(), path: op.path };
}

/**
 * Removes an operation that nothing in the repository names (tests, demo, overlays), as Statsig removing an
 * endpoint that no code here depends on would: the change is major, and every suite must still pass.
 */
export function removeUnreferencedOperation(spec: Json, repositoryText: string): { method: string; path: string } {
  const candidates = operations(spec).filter(({ path }) => !repositoryText.includes(path));
  const op = candidates.at(-1);
  if (!op) throw new Error("every operation of the vendored spec is named somewhere in the repository");
  delete spec.paths[op.path][op.method];
  if (!HTTP_METHODS.some((m) => spec.paths[op.path][m])) delete spec.paths[op.path];
  return { method: op.method.toUpperCase(), path: op.path };
}
