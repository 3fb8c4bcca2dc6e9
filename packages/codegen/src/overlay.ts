import { JSONPath } from "jsonpath-plus";
import { CodegenError } from "./errors.js";

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
 * `remove` deletes each matched node. A target that matches nothing is an error, because a
 * stale overlay would otherwise silently stop fixing the defect it was written for.
 */
export function applyOverlay(
  document: unknown,
  overlay: Overlay,
  file: string,
  options: { onStale?: "error" | "skip" } = {},
): AppliedAction[] {
  return overlay.actions.map((action, index) => {
    const matches = JSONPath({ path: action.target, json: document as object, resultType: "all", wrap: true }) as {
      parent: Record<string, unknown> | unknown[] | null;
      parentProperty: string | number;
      value: unknown;
    }[];
    if (matches.length === 0 && options.onStale !== "skip") {
      throw new CodegenError(`stale overlay: ${describeAction(file, index, action)} matches nothing in the spec`);
    }
    if (action.remove === true) {
      // Remove array elements from the highest index down so earlier removals don't shift later ones.
      const ordered = [...matches].sort((a, b) => Number(b.parentProperty) - Number(a.parentProperty));
      for (const match of ordered) {
        if (Array.isArray(match.parent)) match.parent.splice(Number(match.parentProperty), 1);
        else if (match.parent) delete match.parent[match.parentProperty as string];
      }
    } else {
      for (const match of matches) {
        if (Array.isArray(match.value)) match.value.push(structuredClone(action.update));
        else if (isPlainObject(match.value) && isPlainObject(action.update)) deepMerge(match.value, action.update);
        else {
          throw new CodegenError(`${describeAction(file, index, action)}: update needs an object or array target`);
        }
      }
    }
    return { file, index, target: action.target, description: action.description ?? "", matches: matches.length };
  });
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) deepMerge(existing, value);
    else target[key] = structuredClone(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
