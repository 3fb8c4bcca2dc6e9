import type { OperationEntry } from "./catalogue.js";
import { type CoverageRow, type Family, markServed, type PartOp, type PartRule } from "./mock-families.js";
import { bodyShape, propertiesOf, successSchema } from "./mock-schemas.js";
import { isObject, type Json, operationAt, resolve } from "./openapi-doc.js";

type Row = Pick<OperationEntry, "method" | "path" | "successStatus">;

/**
 * The parts of a family's items that the spec gives operations of their own: an array property whose items have an
 * `id` (a gate's `rules`), with operations below the item path named by the property or its singular
 * (`/gates/{id}/rules`, `/dynamic_configs/{id}/rule/{ruleId}`). An operation is modelled only where its shape is
 * regular: adds, updates and removes that answer the whole item, reads that answer a part or a page of parts.
 */
export function deriveParts(spec: Json, family: Family, catalogue: readonly Row[]): Record<string, PartRule> {
  const itemData = propertiesOf(spec, successSchema(spec, family.item, "get", family.read.status)).data;
  const same = (a: unknown, b: unknown) => JSON.stringify(resolve(spec, a)) === JSON.stringify(resolve(spec, b));
  const parts: Record<string, PartRule> = {};
  for (const [property, node] of Object.entries(propertiesOf(spec, itemData))) {
    const array = resolve(spec, node) as Json | undefined;
    if (!isObject(array) || array.type !== "array") continue;
    const fields = propertiesOf(spec, array.items);
    if (!("id" in fields)) continue;
    const segments = [property, property.replace(/s$/, "")];
    const ops: PartOp[] = [];
    for (const op of catalogue) {
      const rest = op.path.startsWith(`${family.item}/`) ? op.path.slice(family.item.length + 1).split("/") : [];
      const [segment, param, ...deeper] = rest;
      if (!segment || !segments.includes(segment) || deeper.length > 0) continue;
      if (param !== undefined && !/^\{\w+\}$/.test(param)) continue;
      const method = op.method.toLowerCase();
      const answer = successSchema(spec, op.path, method, op.successStatus);
      const data = propertiesOf(spec, answer).data;
      const body = propertiesOf(spec, requestSchema(spec, op.path, method));
      const answersItem = same(data, itemData);
      const kind = ((): PartOp["kind"] | undefined => {
        if (param === undefined) {
          if (op.method === "POST" && answersItem) return property in body ? "add-many" : "add-one";
          if (op.method === "PATCH" && answersItem && property in body) return "merge-many";
          if (op.method === "GET" && isObject(resolve(spec, data))) {
            const listed = resolve(spec, data) as Json;
            if (listed.type !== "array") return undefined;
            if (same(listed.items, array.items)) return "list";
            if (property in propertiesOf(spec, listed.items)) return "list-wrapped";
          }
          return undefined;
        }
        if (op.method === "PATCH" && answersItem) return "merge-one";
        if (op.method === "DELETE" && answersItem) return "remove-one";
        if (op.method === "GET" && same(data, array.items)) return "read-one";
        return undefined;
      })();
      if (!kind) continue;
      ops.push({
        method: op.method as PartOp["method"],
        path: op.path,
        kind,
        status: op.successStatus,
        body: bodyShape(spec, answer),
      });
    }
    if (ops.length > 0) parts[property] = { ops, ...("baseID" in fields ? { baseId: true } : {}) };
  }
  return parts;
}

function requestSchema(spec: Json, path: string, method: string): unknown {
  const operation = operationAt(spec, path, method);
  const body = resolve(spec, operation?.requestBody) as Json | undefined;
  return ((body?.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
}

/** Every family with its parts, and the coverage rows of the part operations served from state. */
export function applyParts(
  spec: Json,
  catalogue: readonly Row[],
  families: readonly Family[],
  coverage: readonly CoverageRow[],
): { families: Family[]; coverage: CoverageRow[] } {
  const served = new Map<string, string>();
  const out = families.map((family) => {
    const parts = deriveParts(spec, family, catalogue);
    for (const [property, part] of Object.entries(parts)) {
      for (const op of part.ops) served.set(`${op.method} ${op.path}`, `${property} ${op.kind}`);
    }
    return Object.keys(parts).length > 0 ? { ...family, parts } : family;
  });
  return { families: out, coverage: markServed(coverage, served, "part") };
}
