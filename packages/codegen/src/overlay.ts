import { isDeepStrictEqual } from "node:util";
import { type JSONPathNode, type JSONValue, jsonpath } from "json-p3";
import { CodegenError } from "./errors.js";
import { isObject } from "./openapi-doc.js";

/** One action of an OpenAPI Overlay 1.0 document. */
export interface OverlayAction {
  target: string;
  description?: string;
  update?: unknown;
  remove?: boolean;
}

export interface Overlay {
  overlay: string;
  info: { title: string; version: string };
  actions: OverlayAction[];
}

/** Checks the shape of a parsed overlay document so a typo fails with the file's name. */
export function assertOverlay(value: unknown, file: string): asserts value is Overlay {
  const doc = value as Partial<Overlay> | null;
  if (!doc || typeof doc !== "object") throw new CodegenError(`${file}: not an overlay document`);
  if (typeof doc.overlay !== "string" || !doc.overlay.startsWith("1.")) {
    throw new CodegenError(`${file}: expected "overlay: 1.0.0", got ${JSON.stringify(doc.overlay)}`);
  }
  if (!Array.isArray(doc.actions) || doc.actions.length === 0) {
    throw new CodegenError(`${file}: "actions" must be a non-empty array`);
  }
  doc.actions.forEach((action, index) => {
    const name = describeAction(file, index, action);
    if (typeof action?.target !== "string") throw new CodegenError(`${name}: "target" must be a JSONPath string`);
    if (action.remove !== true && action.update === undefined) {
      throw new CodegenError(`${name}: an action needs "update" or "remove: true"`);
    }
    if (typeof action.description !== "string" || action.description.trim() === "") {
      throw new CodegenError(`${name}: every action must have a "description" naming the defect it fixes`);
    }
  });
}

export function describeAction(file: string, index: number, action: Partial<OverlayAction> | undefined): string {
  const what = action?.description ? ` "${action.description.split("\n")[0]}"` : "";
  return `${file} action #${index + 1}${what} (target ${action?.target ?? "?"})`;
}

/** Result of applying one action: how many nodes it touched, for reports and tests. */
export interface AppliedAction {
  file: string;
  index: number;
  target: string;
  description: string;
  matches: number;
}

/**
 * Applies an overlay in place, action by action, in document order (Overlay 1.0 semantics):
 * `update` deep-merges an object into each matched object (or appends to a matched array);
 * `remove` deletes each matched node. Targets are RFC 9535 JSONPath (json-p3, strict mode), so
 * any Overlay 1.0 tool reads them the same way.
 *
 * A target that matches nothing is stale, and so is an append whose value the array already holds:
 * either way the upstream spec has changed under the action (often: fixed the defect), and a stale
 * action must stop generation rather than silently stop doing its job.
 */
export function applyOverlay(
  document: unknown,
  overlay: Overlay,
  file: string,
  options: { onStale?: "error" | "skip" } = {},
): AppliedAction[] {
  return overlay.actions.map((action, index) => {
    const nodes = select(document, action, file, index);
    const stale = (why: string) => {
      if (options.onStale === "skip") return;
      throw new CodegenError(`stale overlay: ${describeAction(file, index, action)} ${why}`);
    };
    if (nodes.length === 0) stale("matches nothing in the spec");
    if (action.remove === true) {
      // Deepest first, and within one array from the highest index down, so no removal shifts a later one.
      const ordered = [...nodes].sort(compareLocationsForRemoval);
      for (const node of ordered) {
        const parent = parentOf(document, node.location);
        const key = node.location.at(-1);
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else if (isObject(parent)) delete parent[String(key)];
      }
      return { file, index, target: action.target, description: action.description ?? "", matches: nodes.length };
    }
    let applied = 0;
    for (const node of nodes) {
      const value = node.value as unknown;
      if (Array.isArray(value)) {
        if (value.some((item) => isDeepStrictEqual(item, action.update))) continue;
        value.push(structuredClone(action.update));
      } else if (isObject(value) && isObject(action.update)) {
        deepMerge(value, action.update);
      } else {
        throw new CodegenError(`${describeAction(file, index, action)}: update needs an object or array target`);
      }
      applied++;
    }
    if (nodes.length > 0 && applied === 0) stale("appends a value every matched array already holds");
    return { file, index, target: action.target, description: action.description ?? "", matches: applied };
  });
}

function select(document: unknown, action: OverlayAction, file: string, index: number): JSONPathNode[] {
  try {
    return jsonpath.query(action.target, document as JSONValue).nodes;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CodegenError(`${describeAction(file, index, action)}: not an RFC 9535 JSONPath: ${reason}`);
  }
}

function parentOf(root: unknown, location: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of location.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  return node;
}

function compareLocationsForRemoval(a: JSONPathNode, b: JSONPathNode): number {
  if (a.location.length !== b.location.length) return b.location.length - a.location.length;
  const last = (n: JSONPathNode) => n.location.at(-1);
  const [x, y] = [last(a), last(b)];
  return typeof x === "number" && typeof y === "number" ? y - x : 0;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) deepMerge(existing, value);
    else target[key] = structuredClone(value);
  }
}
