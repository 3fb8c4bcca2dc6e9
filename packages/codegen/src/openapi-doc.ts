import { JSONPointer } from "json-p3";

/**
 * The one place that knows how an OpenAPI document is walked: its HTTP methods, its operations (with the path
 * item's parameters), and its local `$ref`s as RFC 6901 JSON Pointers (json-p3). Every module of the generator, and
 * the contract tests, read the spec through these.
 */

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A JSON object of the document. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** One operation of the document, where it sits. */
export interface OperationAt {
  path: string;
  method: HttpMethod;
  /** The path item: its `parameters` apply to every operation under it. */
  item: Json;
  operation: Json;
}

/** Every operation, in document order (paths, then methods in HTTP_METHODS order). */
export function* operations(spec: unknown): Generator<OperationAt> {
  const paths = isObject(spec) && isObject(spec.paths) ? spec.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) yield { path, method, item, operation };
    }
  }
}

/** An operation's parameters, the path item's first, each `$ref` resolved. */
export function parametersOf(spec: unknown, { item, operation }: Pick<OperationAt, "item" | "operation">): Json[] {
  return [...asArray(item.parameters), ...asArray(operation.parameters)].map((p) => resolve(spec, p)).filter(isObject);
}

/** The keys as a JSON pointer's path, `/a/b` (RFC 6901: `~` written `~0`, `/` written `~1`); prefix `#` for a `$ref`. */
export function pointerPath(...keys: string[]): string {
  return JSONPointer.encode(keys);
}

const pointers = new Map<string, JSONPointer | null>();

/**
 * Follows a local reference such as `#/components/schemas/Foo`: the fragment, percent-decoded, is a JSON Pointer
 * (RFC 6901 section 6). undefined when it points nowhere or is not a local pointer.
 */
export function resolvePointer(root: unknown, ref: string): unknown {
  let pointer = pointers.get(ref);
  if (pointer === undefined) {
    try {
      pointer = ref.startsWith("#") ? new JSONPointer(decodeURIComponent(ref.slice(1))) : null;
    } catch {
      pointer = null;
    }
    pointers.set(ref, pointer);
  }
  // biome-ignore lint/suspicious/noExplicitAny: json-p3 takes any JSON value; the document is one
  const document = root as any;
  return pointer?.exists(document) ? pointer.resolve(document) : undefined;
}

/** Resolves one level of `$ref` (enough for parameters and schemas in this spec). */
export function resolve(root: unknown, node: unknown): unknown {
  if (isObject(node) && typeof node.$ref === "string") return resolvePointer(root, node.$ref);
  return node;
}

/** Follows `$ref`s until a node that is not one (undefined when one points nowhere). */
export function deref(root: unknown, node: unknown): Json | undefined {
  let current = node;
  for (let depth = 0; isObject(current) && typeof current.$ref === "string" && depth < 20; depth++) {
    current = resolvePointer(root, current.$ref);
  }
  return isObject(current) ? current : undefined;
}

const exampleFree = new WeakMap<object, unknown>();

/**
 * A copy without `example` and `examples` (a property called so, under `properties`, stays): the schemas alone, for
 * what builds values from them. The same node gives the same copy.
 */
export function withoutExamples(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutExamples(item));
  if (!isObject(node)) return node;
  const cached = exampleFree.get(node);
  if (cached !== undefined) return cached;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && (key === "example" || key === "examples")) continue;
    copy[key] = withoutExamples(value, !inProperties && key === "properties");
  }
  exampleFree.set(node, copy);
  return copy;
}

/** The operation at `path` and `method` (any letter case), or undefined. */
export function operationAt(spec: unknown, path: string, method: string): Json | undefined {
  const item = isObject(spec) && isObject(spec.paths) ? spec.paths[path] : undefined;
  const operation = isObject(item) ? item[method.toLowerCase()] : undefined;
  return isObject(operation) ? operation : undefined;
}

/** The operation at `path` and `method`, or an error naming both (for callers that hold a catalogue row of this spec). */
export function operationOf(spec: unknown, method: string, path: string): Json {
  const operation = operationAt(spec, path, method);
  if (!operation) throw new Error(`the overlaid spec has no ${method} ${path}`);
  return operation;
}
