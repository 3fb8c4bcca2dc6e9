import { sample as sampleSchema } from "openapi-sampler";
import type { OperationEntry } from "./catalogue.js";
import { deref, isObject, type Json, operationOf, parametersOf, withoutExamples } from "./openapi-doc.js";
import { requestBodySchemaPointer, responseSchemaPointer, type Validator } from "./schema-validator.js";

/** A request the spec says is valid, for one operation of the contract suite. */
export interface ContractRequest {
  params: { path: Record<string, unknown>; query: Record<string, unknown> };
  body?: unknown;
  /** Where the body came from: one of the spec's examples, or built from the schema. */
  bodySource?: "example" | "schema";
  /** openapi-fetch's `parseAs` for the success response: "json" unless the spec says otherwise (text/csv...). */
  parseAs: "json" | "text";
}

type Operation = Pick<OperationEntry, "method" | "path" | "paginated" | "queryParams" | "successStatus">;

/** Path parameters filled, required query parameters, the first page of a list, a body that validates. */
export function validRequest(spec: Json, op: Operation, validator: Validator): ContractRequest {
  const operation = operationOf(spec, op.method, op.path);
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of parametersOf(spec, { item: {}, operation })) {
    const name = String(p.name);
    if (p.in === "path") path[name] = pathValue(spec, p);
    if (p.in === "query" && p.required) query[name] = sample(spec, p.schema);
  }
  const content = successContent(spec, op);
  const parseAs = !content || "application/json" in content ? "json" : "text";
  if (op.paginated) {
    query.page = 1;
    if (op.queryParams.includes("limit")) query.limit = 10;
  }
  const media = bodyMedia(spec, operation);
  if (!media) return { params: { path, query }, parseAs };
  const validate = validator.at(requestBodySchemaPointer(op.path, op.method));
  // The schema first: the spec's examples may carry properties their schema does not declare, which its JSON
  // Schema allows but a TypeScript object literal of the generated type does not.
  const body = sample(spec, media.schema);
  if (validate(body)) return { params: { path, query }, body, bodySource: "schema", parseAs };
  for (const example of examplesOf(media)) {
    if (validate(example)) return { params: { path, query }, body: example, bodySource: "example", parseAs };
  }
  return { params: { path, query }, body, bodySource: "schema", parseAs };
}

/** A body that breaks its schema where it matters: a required field missing, or the wrong JSON type. */
export function invalidBody(spec: Json, op: Operation): unknown {
  const media = bodyMedia(spec, operationOf(spec, op.method, op.path));
  if (!media) return undefined;
  const schema = deref(spec, media.schema) ?? {};
  const valid = sample(spec, schema);
  if (isObject(valid)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (required.length > 0) {
      const copy = { ...valid };
      delete copy[String(required[0])];
      return copy;
    }
  }
  return 12345; // the wrong JSON type for any object or array body
}

/**
 * A success body built from the response schema with every property (read-only included, write-only left out),
 * so a type that disagrees with the schema anywhere in it fails to accept it. undefined when the success response
 * has no JSON body.
 */
export function responseSample(spec: Json, op: Operation): { value: unknown; pointer: string } | undefined {
  const media = successContent(spec, op)?.["application/json"];
  if (!isObject(media)) return undefined;
  const value = sampleSchema(sampleable(media.schema) as never, { skipWriteOnly: true }, sampleable(spec) as never);
  return { value, pointer: responseSchemaPointer(op.path, op.method, op.successStatus) };
}

const sampled = new WeakMap<object, unknown>();

/**
 * What openapi-sampler reads: the schemas alone (the spec's examples are often not what its schemas say, see
 * known-example-defects.md, and the sampler prefers an example), and no `items` without a `type`: that only says what
 * an array would hold, but openapi-sampler reads it as "an array" and then merges the array into the object an `allOf`
 * sibling declares (`{ "0": {}, ... }`). Untyped, it samples as null.
 */
function sampleable(node: unknown): unknown {
  return withoutUntypedItems(withoutExamples(node));
}

function withoutUntypedItems(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutUntypedItems(item));
  if (!isObject(node)) return node;
  const cached = sampled.get(node);
  if (cached !== undefined) return cached;
  const untypedItems = !inProperties && node.type === undefined && "items" in node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (untypedItems && key === "items") continue;
    copy[key] = withoutUntypedItems(value, !inProperties && key === "properties");
  }
  sampled.set(node, copy);
  return copy;
}

/** A value that satisfies a request schema, from the schema alone: required properties only, no read-only ones. */
function sample(spec: Json, node: unknown): unknown {
  return sampleSchema(
    sampleable(node) as never,
    { skipReadOnly: true, skipNonRequired: true },
    sampleable(spec) as never,
  );
}

/** The success response's media types (undefined when it has no body). */
function successContent(spec: Json, op: Operation): Json | undefined {
  const response = deref(
    spec,
    (operationOf(spec, op.method, op.path).responses as Json | undefined)?.[String(op.successStatus)],
  );
  return isObject(response?.content) && Object.keys(response.content).length > 0 ? response.content : undefined;
}

function bodyMedia(spec: Json, operation: Json): Json | undefined {
  const content = deref(spec, operation.requestBody)?.content;
  const media = isObject(content) ? content["application/json"] : undefined;
  return isObject(media) ? media : undefined;
}

function examplesOf(media: Json): unknown[] {
  const named = Object.values(isObject(media.examples) ? media.examples : {}).map((e) =>
    isObject(e) ? e.value : undefined,
  );
  const schemaExample = isObject(media.schema) ? media.schema.example : undefined;
  return [media.example, ...named, schemaExample].filter((e) => e !== undefined);
}

function pathValue(spec: Json, parameter: Json): unknown {
  const schema = deref(spec, parameter.schema);
  if (Array.isArray(schema?.enum)) return schema.enum[0];
  if (parameter.example !== undefined) return parameter.example;
  if (schema?.type === "integer" || schema?.type === "number") return 1;
  return `test_${String(parameter.name).toLowerCase()}`;
}
