export { walkPlan } from "./generated/walk-plan.js";
export type { WalkStep } from "./walk-step.js";

/**
 * The values of `field` in a list response's entries (`{ data: [...] }`, or a bare array), at most `max`: the ids
 * the walk reads items by. Entries without a string or number there are passed over.
 */
export function entryIds(body: unknown, field: string, max: number): string[] {
  const entries = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(entries)) return [];
  const ids: string[] = [];
  for (const entry of entries) {
    if (ids.length >= max) break;
    const value = (entry as Record<string, unknown> | null)?.[field];
    // "", "." and ".." would make the item's URL another endpoint's.
    if ((typeof value === "string" && !/^\.{0,2}$/.test(value)) || typeof value === "number") ids.push(String(value));
  }
  return ids;
}
