import { isObject, type Json, resolvePointer } from "../openapi-doc.js";
import type { Level } from "./change.js";

export type Direction = "request" | "response";

export interface SchemaFinding {
  level: Level;
  what: string;
}

interface Side {
  spec: Json;
  schema: unknown;
}

/**
 * Compares two schemas as a client sees them. In a request, a field the client may send must stay
 * accepted (removing it, requiring it, narrowing its enum or changing its type breaks callers); in a
 * response, a field the client reads must stay present (removing it or making it optional breaks
 * them). Additions are minor either way.
 */
export function compareSchemas(before: Side, after: Side, direction: Direction, where: string): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  walk(before, after, direction, where, findings, new Set(), 0);
  return findings;
}

function walk(
  before: Side,
  after: Side,
  direction: Direction,
  where: string,
  out: SchemaFinding[],
  seen: Set<string>,
  depth: number,
): void {
  const refKey = `${refOf(before.schema)}|${refOf(after.schema)}|${where}`;
  if (depth > 12 || seen.has(refKey)) return;
  seen.add(refKey);
  const a = flatten(before.spec, before.schema);
  const b = flatten(after.spec, after.schema);
  const typeA = typeOf(a);
  const typeB = typeOf(b);
  if (typeA && typeB && typeA !== typeB) {
    out.push({ level: "major", what: `${where}: type changed from ${typeA} to ${typeB}` });
    return;
  }
  compareEnums(a, b, direction, where, out);
  if (direction === "request" && a.nullable === true && b.nullable !== true) {
    out.push({ level: "major", what: `${where}: no longer accepts null` });
  }
  if (direction === "response" && a.nullable !== true && b.nullable === true) {
    out.push({ level: "major", what: `${where}: may now be null` });
  }
  const propsA = (a.properties ?? {}) as Json;
  const propsB = (b.properties ?? {}) as Json;
  const requiredA = new Set((a.required ?? []) as string[]);
  const requiredB = new Set((b.required ?? []) as string[]);
  const noun = direction === "request" ? "request field" : "response field";
  for (const name of Object.keys(propsA)) {
    const field = `${where}.${name}`;
    if (!(name in propsB)) {
      out.push({ level: "major", what: `${noun} ${field} removed` });
      continue;
    }
    if (direction === "request" && !requiredA.has(name) && requiredB.has(name)) {
      out.push({ level: "major", what: `${noun} ${field} is now required` });
    }
    if (direction === "response" && requiredA.has(name) && !requiredB.has(name)) {
      out.push({ level: "major", what: `${noun} ${field} is no longer guaranteed (now optional)` });
    }
    walk(
      { ...before, schema: propsA[name] },
      { ...after, schema: propsB[name] },
      direction,
      field,
      out,
      seen,
      depth + 1,
    );
  }
  for (const name of Object.keys(propsB)) {
    if (name in propsA) continue;
    const required = direction === "request" && requiredB.has(name);
    out.push({
      level: required ? "major" : "minor",
      what: required ? `new required ${noun} ${where}.${name}` : `${noun} ${where}.${name} added`,
    });
  }
  if (a.items !== undefined && b.items !== undefined) {
    walk({ ...before, schema: a.items }, { ...after, schema: b.items }, direction, `${where}[]`, out, seen, depth + 1);
  }
  const variantsA = (a.oneOf ?? a.anyOf) as unknown[] | undefined;
  const variantsB = (b.oneOf ?? b.anyOf) as unknown[] | undefined;
  if (variantsA && variantsB) {
    if (variantsB.length < variantsA.length)
      out.push({ level: "major", what: `${where}: ${variantsA.length - variantsB.length} variant(s) removed` });
    if (variantsB.length > variantsA.length)
      out.push({ level: "minor", what: `${where}: ${variantsB.length - variantsA.length} variant(s) added` });
    const shared = Math.min(variantsA.length, variantsB.length);
    for (let i = 0; i < shared; i++) {
      walk(
        { ...before, schema: variantsA[i] },
        { ...after, schema: variantsB[i] },
        direction,
        `${where}<${i}>`,
        out,
        seen,
        depth + 1,
      );
    }
  }
}

function compareEnums(a: Json, b: Json, direction: Direction, where: string, out: SchemaFinding[]): void {
  const enumA = Array.isArray(a.enum) ? a.enum.map((v) => JSON.stringify(v)) : undefined;
  const enumB = Array.isArray(b.enum) ? b.enum.map((v) => JSON.stringify(v)) : undefined;
  if (enumA && enumB) {
    const removed = enumA.filter((v) => !enumB.includes(v));
    const added = enumB.filter((v) => !enumA.includes(v));
    if (removed.length > 0)
      out.push({ level: "major", what: `${where}: enum narrowed (removed ${removed.join(", ")})` });
    if (added.length > 0) out.push({ level: "minor", what: `${where}: enum values added (${added.join(", ")})` });
  } else if (!enumA && enumB && direction === "request") {
    out.push({ level: "major", what: `${where}: now restricted to ${enumB.join(", ")}` });
  }
}

/** Resolves `$ref`s and merges `allOf` parts, so an envelope and its override read as one object. */
function flatten(spec: Json, node: unknown, depth = 0): Json {
  let schema = node;
  for (let i = 0; isObject(schema) && typeof schema.$ref === "string" && i < 20; i++) {
    schema = resolvePointer(spec, schema.$ref);
  }
  if (!isObject(schema)) return {};
  if (!Array.isArray(schema.allOf) || depth > 8) return schema;
  const merged: Json = { ...schema, allOf: undefined, properties: { ...((schema.properties as Json) ?? {}) } };
  const required = new Set((schema.required ?? []) as string[]);
  for (const part of schema.allOf) {
    const flat = flatten(spec, part, depth + 1);
    Object.assign(merged.properties as Json, flat.properties ?? {});
    for (const name of (flat.required ?? []) as string[]) required.add(name);
    for (const key of ["type", "enum", "items", "nullable", "oneOf", "anyOf"]) {
      if (flat[key] !== undefined && merged[key] === undefined) merged[key] = flat[key];
    }
  }
  merged.required = [...required];
  return merged;
}

function typeOf(schema: Json): string | undefined {
  if (typeof schema.type === "string") return schema.type === "integer" ? "number" : schema.type;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  return undefined;
}

function refOf(schema: unknown): string {
  return isObject(schema) && typeof schema.$ref === "string" ? schema.$ref : "inline";
}
