import { isObject, type Json, operations, parametersOf, resolve } from "../openapi-doc.js";
import type { Change, Level } from "./change.js";
import { compareSchemas, type SchemaFinding } from "./compare-schemas.js";

interface IndexedOperation {
  method: string;
  path: string;
  operation: Json;
  pathParams: string[];
  parameters: Json[];
}

/** Operations by method + path shape (`{id}` and `{email}` both become `{}`), so a renamed parameter is one operation. */
function indexOperations(spec: Json): Map<string, IndexedOperation> {
  const index = new Map<string, IndexedOperation>();
  for (const at of operations(spec)) {
    const { path, method, operation } = at;
    const key = `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, "{}")}`;
    if (index.has(key)) continue;
    index.set(key, {
      method: method.toUpperCase(),
      path,
      operation,
      parameters: parametersOf(spec, at),
      pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
    });
  }
  return index;
}

/**
 * Every change between two (overlaid) specs that matters to a client, classified for semver:
 * major breaks code written against `before`, minor adds to it, patch is documentation only.
 */
export function diffSpecs(before: Json, after: Json): Change[] {
  const changes: Change[] = [];
  const opsBefore = indexOperations(before);
  const opsAfter = indexOperations(after);
  const add = (op: IndexedOperation, level: Level, what: string) =>
    changes.push({ level, method: op.method, path: op.path, tag: tagOf(op.operation), what });

  for (const [key, old] of opsBefore) if (!opsAfter.has(key)) add(old, "major", "operation removed");
  for (const [key, next] of opsAfter) {
    const old = opsBefore.get(key);
    if (!old) {
      add(next, "minor", "operation added");
      continue;
    }
    old.pathParams.forEach((name, i) => {
      const renamed = next.pathParams[i];
      if (renamed !== name) add(next, "major", `path parameter {${name}} renamed to {${renamed}} (was ${old.path})`);
    });
    for (const field of ["summary", "description"] as const) {
      if ((old.operation[field] ?? "") !== (next.operation[field] ?? "")) add(next, "patch", `${field} changed`);
    }
    compareParameters(before, after, old, next, add);
    compareRequestBody(before, after, old, next, add);
    compareResponses(before, after, old, next, add);
  }
  return changes;
}

type Add = (op: IndexedOperation, level: Level, what: string) => void;

function compareParameters(before: Json, after: Json, old: IndexedOperation, next: IndexedOperation, add: Add): void {
  const query = (op: IndexedOperation) =>
    new Map(op.parameters.filter((p) => p.in === "query").map((p) => [String(p.name), p]));
  const queryBefore = query(old);
  const queryAfter = query(next);
  for (const [name, p] of queryBefore) {
    const q = queryAfter.get(name);
    if (!q) {
      add(next, "major", `query parameter ${name} removed`);
      continue;
    }
    if (p.required !== true && q.required === true) add(next, "major", `query parameter ${name} is now required`);
    addSchemaChanges(
      add,
      next,
      compareSchemas({ spec: before, schema: p.schema }, { spec: after, schema: q.schema }, "request", `query ${name}`),
    );
  }
  for (const [name, q] of queryAfter) {
    if (queryBefore.has(name)) continue;
    if (q.required === true) add(next, "major", `new required query parameter ${name}`);
    else add(next, "minor", `query parameter ${name} added`);
  }
}

function compareRequestBody(before: Json, after: Json, old: IndexedOperation, next: IndexedOperation, add: Add): void {
  const bodyBefore = resolve(before, old.operation.requestBody);
  const bodyAfter = resolve(after, next.operation.requestBody);
  if (!isObject(bodyBefore) && isObject(bodyAfter)) {
    add(
      next,
      bodyAfter.required === true ? "major" : "minor",
      bodyAfter.required === true ? "new required request body" : "optional request body added",
    );
    return;
  }
  if (isObject(bodyBefore) && !isObject(bodyAfter)) {
    add(next, "major", "request body removed");
    return;
  }
  if (!isObject(bodyBefore) || !isObject(bodyAfter)) return;
  if (bodyBefore.required !== true && bodyAfter.required === true) add(next, "major", "request body is now required");
  const mediaBefore = Object.keys((bodyBefore.content ?? {}) as Json);
  const mediaAfter = Object.keys((bodyAfter.content ?? {}) as Json);
  const lost = mediaBefore.filter((m) => !mediaAfter.includes(m));
  if (lost.length > 0) add(next, "major", `request media type ${lost.join(", ")} no longer accepted`);
  const json = "application/json";
  if (mediaBefore.includes(json) && mediaAfter.includes(json)) {
    const schemaBefore = ((bodyBefore.content as Json)[json] as Json).schema;
    const schemaAfter = ((bodyAfter.content as Json)[json] as Json).schema;
    addSchemaChanges(
      add,
      next,
      compareSchemas({ spec: before, schema: schemaBefore }, { spec: after, schema: schemaAfter }, "request", "body"),
    );
  }
  if (examplesOf(bodyBefore) !== examplesOf(bodyAfter)) add(next, "patch", "request examples changed");
}

function compareResponses(before: Json, after: Json, old: IndexedOperation, next: IndexedOperation, add: Add): void {
  const responsesBefore = (old.operation.responses ?? {}) as Json;
  const responsesAfter = (next.operation.responses ?? {}) as Json;
  const success = (responses: Json) =>
    Object.keys(responses)
      .filter((c) => /^2/.test(c))
      .sort();
  const codesBefore = success(responsesBefore);
  const codesAfter = success(responsesAfter);
  if (codesBefore.join() !== codesAfter.join()) {
    add(
      next,
      "major",
      `success status changed from ${codesBefore.join("/") || "none"} to ${codesAfter.join("/") || "none"}`,
    );
  }
  const pairs =
    codesBefore.length === 1 && codesAfter.length === 1
      ? [[codesBefore[0], codesAfter[0]]]
      : codesBefore.filter((c) => codesAfter.includes(c)).map((c) => [c, c]);
  for (const [codeBefore, codeAfter] of pairs) {
    const a = resolve(before, responsesBefore[codeBefore as string]);
    const b = resolve(after, responsesAfter[codeAfter as string]);
    if (!isObject(a) || !isObject(b)) continue;
    const mediaBefore = Object.keys((a.content ?? {}) as Json).sort();
    const mediaAfter = Object.keys((b.content ?? {}) as Json).sort();
    if (mediaBefore.join() !== mediaAfter.join()) {
      add(
        next,
        "major",
        `response media type changed from ${mediaBefore.join(", ") || "none"} to ${mediaAfter.join(", ") || "none"}`,
      );
      continue;
    }
    for (const media of mediaBefore) {
      const schemaBefore = ((a.content as Json)[media] as Json).schema;
      const schemaAfter = ((b.content as Json)[media] as Json).schema;
      addSchemaChanges(
        add,
        next,
        compareSchemas(
          { spec: before, schema: schemaBefore },
          { spec: after, schema: schemaAfter },
          "response",
          "response",
        ),
      );
    }
    if (examplesOf(a) !== examplesOf(b)) add(next, "patch", "response examples changed");
  }
}

function addSchemaChanges(add: Add, op: IndexedOperation, findings: SchemaFinding[]): void {
  for (const finding of findings) add(op, finding.level, finding.what);
}

function examplesOf(node: Json): string {
  const content = (node.content ?? {}) as Record<string, Json>;
  return JSON.stringify(
    Object.values(content).map((m) => [m.example, m.examples, isObject(m.schema) ? m.schema.example : undefined]),
  );
}

function tagOf(operation: Json): string {
  return Array.isArray(operation.tags) && typeof operation.tags[0] === "string" ? operation.tags[0] : "Other";
}
