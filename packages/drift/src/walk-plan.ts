/** The fields of an operation catalogue row (`@org/statsig-console-types`) that a walk needs. */
export interface CatalogueRow {
  method: string;
  path: string;
  pathParams: readonly string[];
  requiredQueryParams: readonly string[];
  paginated: boolean;
}

/** A GET that needs nothing but the key, and the item GET that reads one of its entries by a field of the entry. */
export interface WalkStep {
  path: string;
  paginated: boolean;
  /** `/console/v1/gates/{id}`, read with each listed entry's `id`. */
  item?: { path: string; param: string };
}

/**
 * What a read-only walk of a project calls, from the operation catalogue: every GET without required parameters,
 * and for each, the GET one path parameter deeper, whose parameter names the field of a listed entry to read it
 * by (`{id}` -> `entry.id`, `{email}` -> `entry.email`). Only GETs, whatever else the catalogue holds.
 */
export function planWalk(catalogue: readonly CatalogueRow[]): WalkStep[] {
  const gets = catalogue.filter((op) => op.method.toUpperCase() === "GET" && op.requiredQueryParams.length === 0);
  return gets
    .filter((op) => op.pathParams.length === 0)
    .map((list) => {
      const item = gets.find((op) => op.pathParams.length === 1 && op.path === `${list.path}/{${op.pathParams[0]}}`);
      return {
        path: list.path,
        paginated: list.paginated,
        ...(item ? { item: { path: item.path, param: item.pathParams[0] as string } } : {}),
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

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
    if (typeof value === "string" || typeof value === "number") ids.push(String(value));
  }
  return ids;
}
