import { isObject, type Json, operationAt, resolve } from "./openapi-doc.js";

/** The JSON schema of an operation's success answer (the status given), or undefined. */
export function successSchema(spec: Json, path: string, method: string, status: number): unknown {
  const operation = operationAt(spec, path, method);
  if (!operation) return undefined;
  const response = resolve(spec, (operation.responses as Json)[String(status)]) as Json | undefined;
  return ((response?.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema;
}

/** The properties a schema declares, through `$ref`s and allOf parts. */
export function propertiesOf(spec: Json, node: unknown, depth = 0): Json {
  const schema = resolve(spec, node);
  if (!isObject(schema) || depth > 16) return {};
  const own = isObject(schema.properties) ? schema.properties : {};
  const parts = Array.isArray(schema.allOf) ? schema.allOf.map((part) => propertiesOf(spec, part, depth + 1)) : [];
  return Object.assign({}, ...parts, own);
}

/** What an answer carries: a page (`data` and `pagination`), `data`, or a `message` only. */
export function bodyShape(spec: Json, schema: unknown): "page" | "data" | "message" {
  const properties = propertiesOf(spec, schema);
  return "pagination" in properties ? "page" : "data" in properties ? "data" : "message";
}
