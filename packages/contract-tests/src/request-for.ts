import type { OperationInfo } from "@org/statsig-console-types";
import { invalidSample, sample } from "./sample.js";
import { deref, type Json, operationOf } from "./spec.js";
import type { Validator } from "./validator.js";

export interface ContractRequest {
  params: { path: Record<string, unknown>; query: Record<string, unknown> };
  body?: unknown;
  /** Where the body came from: one of the spec's examples, or built from the schema. */
  bodySource?: "example" | "schema";
  /** openapi-fetch's `parseAs` for the success response: "json" unless the spec says otherwise (text/csv...). */
  parseAs: "json" | "text";
}

/** A request the spec says is valid: path parameters filled, required query parameters, a valid body. */
export function validRequest(spec: Json, op: OperationInfo, validator: Validator): ContractRequest {
  const operation = operationOf(spec, op.method, op.path);
  const parameters = ((operation.parameters ?? []) as unknown[]).map((p) => deref(spec, p));
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of parameters) {
    const name = p.name as string;
    if (p.in === "path") path[name] = pathValue(spec, p);
    if (p.in === "query" && p.required) query[name] = sample(spec, p.schema);
  }
  const parseAs = successIsJson(spec, operation, op.successStatus) ? "json" : "text";
  if (op.paginated) {
    query.page = 1;
    if (op.queryParams.includes("limit")) query.limit = 10;
  }
  const media = bodyMedia(spec, operation);
  if (!media) return { params: { path, query }, parseAs };
  const pointer = `#/paths/${op.path.replaceAll("~", "~0").replaceAll("/", "~1")}/${op.method.toLowerCase()}/requestBody/content/application~1json/schema`;
  const validate = validator.at(pointer);
  for (const example of examplesOf(media)) {
    if (validate(example)) return { params: { path, query }, body: example, bodySource: "example", parseAs };
  }
  return { params: { path, query }, body: sample(spec, media.schema), bodySource: "schema", parseAs };
}

/** The same request with a body that violates its schema. */
export function invalidBody(spec: Json, op: OperationInfo): unknown {
  const media = bodyMedia(spec, operationOf(spec, op.method, op.path));
  return media ? invalidSample(spec, media.schema) : undefined;
}

function successIsJson(spec: Json, operation: Json, status: number): boolean {
  const response = deref(spec, (operation.responses as Json)[String(status)]);
  const content = response?.content as Json | undefined;
  return !content || "application/json" in content;
}

function bodyMedia(spec: Json, operation: Json): Json | undefined {
  const body = operation.requestBody ? deref(spec, operation.requestBody) : undefined;
  return (body?.content as Json | undefined)?.["application/json"] as Json | undefined;
}

function examplesOf(media: Json): unknown[] {
  const named = Object.values((media.examples ?? {}) as Record<string, Json>).map((e) => e.value);
  const schemaExample = (media.schema as Json | undefined)?.example;
  return [media.example, ...named, schemaExample].filter((e) => e !== undefined);
}

function pathValue(spec: Json, parameter: Json): unknown {
  const schema = deref(spec, parameter.schema);
  if (Array.isArray(schema?.enum)) return schema.enum[0];
  if (parameter.example !== undefined) return parameter.example;
  if (schema?.type === "integer" || schema?.type === "number") return 1;
  return `test_${String(parameter.name).toLowerCase()}`;
}
