import ts from "typescript";
import { isObject, type Json, operations, resolve } from "./openapi-doc.js";

/** Marks the branch that stands for "any other string" in an opened enum (read by {@link openEnumTransform}). */
const OTHER_STRING = "x-statsig-other-string";

/**
 * Statsig adds enum values inside one API version and the live API already sends values the spec does
 * not list, so a closed literal union in a response type breaks consumer code (`metric.type ===
 * "event_count"` is TS2367). A string enum reached from any response is rewritten, in the copy that
 * openapi-typescript sees, to `anyOf [the enum, any other string]`, which renders as
 * `"a" | "b" | (string & {})`: any string is accepted and editors still complete the known values.
 *
 * Stays closed: an enum reached only from requests (a typo is a compile error), and a one-value enum
 * (a constant or a union's discriminator: opening it would stop `dataset === "Metrics"` narrowing).
 * Reached from both a request and a response: open, because what a read returns must be writable back
 * (read-modify-write of rules is the common automation), and the server validates writes anyway.
 *
 * Returns how many enum schemas were opened.
 */
export function openResponseEnums(spec: Json): number {
  const fromResponses = new Set<Json>();
  for (const { operation } of operations(spec)) {
    for (const response of Object.values(isObject(operation.responses) ? operation.responses : {})) {
      const resolved = resolve(spec, response);
      if (isObject(resolved))
        for (const media of mediaTypes(resolved)) collectSchemas(spec, media.schema, fromResponses);
    }
  }
  let opened = 0;
  for (const schema of fromResponses) {
    if (!isOpenable(schema)) continue;
    const { enum: values, type, nullable, ...rest } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, rest, {
      anyOf: [
        { ...(type === undefined ? {} : { type }), enum: values, ...(nullable === true ? { nullable } : {}) },
        { type: "string", [OTHER_STRING]: true },
      ],
    });
    opened++;
  }
  return opened;
}

/** openapi-typescript `transform` hook: the "other string" branch becomes `string & {}` (keeps completion). */
export function openEnumTransform(schema: Json): ts.TypeNode | undefined {
  if (schema[OTHER_STRING] !== true) return undefined;
  return ts.factory.createIntersectionTypeNode([
    ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
    ts.factory.createTypeLiteralNode([]),
  ]);
}

function isOpenable(schema: Json): boolean {
  const values = schema.enum;
  if (!Array.isArray(values)) return false;
  const strings = values.filter((v) => v !== null);
  return (
    strings.length > 1 &&
    strings.every((v) => typeof v === "string") &&
    (schema.type === undefined || schema.type === "string") &&
    !schema.anyOf &&
    !schema.oneOf &&
    !schema.allOf
  );
}

function mediaTypes(holder: Json): Json[] {
  return Object.values(isObject(holder.content) ? holder.content : {}).filter(isObject);
}

/** Every schema object reachable from `node` through `$ref`s, properties, items and compositions. */
function collectSchemas(spec: Json, node: unknown, seen: Set<Json>): void {
  const stack = [node];
  while (stack.length > 0) {
    const schema = resolveAll(spec, stack.pop());
    if (!isObject(schema) || seen.has(schema)) continue;
    seen.add(schema);
    if (isObject(schema.properties)) stack.push(...Object.values(schema.properties));
    if (isObject(schema.additionalProperties)) stack.push(schema.additionalProperties);
    if (schema.items) stack.push(schema.items);
    if (schema.not) stack.push(schema.not);
    for (const key of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(schema[key])) stack.push(...schema[key]);
  }
}

function resolveAll(spec: Json, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && hops < 32; hops++) {
    current = resolve(spec, current);
  }
  return current;
}
