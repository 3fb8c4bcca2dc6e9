import type { PartOp, PartRule } from "./generated/family.js";

type Json = Record<string, unknown>;

/** What a part operation did: the item after it, or the data to answer with (reads), or the part it did not find. */
export type PartOutcome = { item: Json } | { data: unknown } | { missing: string };

/**
 * One operation on a part of an item (a gate's `rules`): adds give each new part an id (and a `baseID` where the
 * part has one), updates merge by id into the part and create nothing, a remove drops one part. `shape` lays a body
 * over a base, keeping the base's fields and types.
 */
export function applyPartOp(
  item: Json,
  property: string,
  part: PartRule,
  op: PartOp,
  request: { body: unknown; partId?: string },
  tools: { newId: () => string; shape: (base: Json, body: unknown) => Json; keep: (body: unknown) => Json },
): PartOutcome {
  const current = Array.isArray(item[property]) ? (item[property] as Json[]) : [];
  // A new part is the request's, kept to the fields a part has; an update is laid over the part it names.
  const fresh = (body: unknown) => withId(tools.keep(body), part, tools.newId);
  const listed = (body: unknown) => {
    const list = (body as Json | undefined)?.[property];
    return Array.isArray(list) ? list : [];
  };
  switch (op.kind) {
    case "list":
      return { data: current };
    case "list-wrapped":
      return { data: [{ [property]: current }] };
    case "add-many":
      return { item: { ...item, [property]: [...current, ...listed(request.body).map(fresh)] } };
    case "add-one":
      return { item: { ...item, [property]: [...current, fresh(request.body)] } };
    case "merge-many": {
      const updates = new Map(listed(request.body).map((update) => [String((update as Json).id), update as Json]));
      const merged = current.map((entry) => {
        const update = updates.get(String(entry.id));
        return update ? { ...tools.shape(entry, update), id: entry.id } : entry;
      });
      return { item: { ...item, [property]: merged } };
    }
  }
  const found = current.find((entry) => String(entry.id) === request.partId);
  if (!found) return { missing: request.partId ?? "" };
  if (op.kind === "read-one") return { data: found };
  if (op.kind === "remove-one") return { item: { ...item, [property]: current.filter((entry) => entry !== found) } };
  const merged = { ...tools.shape(found, request.body), id: found.id };
  return { item: { ...item, [property]: current.map((entry) => (entry === found ? merged : entry)) } };
}

/** Every part of an item with an id: what a create or an update of the whole item leaves out, the mock gives. */
export function withPartIds(item: Json, parts: Record<string, PartRule>, newId: () => string): Json {
  const out = { ...item };
  for (const [property, part] of Object.entries(parts)) {
    const list = out[property];
    if (Array.isArray(list)) out[property] = list.map((entry) => withId(entry as Json, part, newId));
  }
  return out;
}

function withId(entry: Json, part: PartRule, newId: () => string): Json {
  // "string" is the schema sampler's placeholder in the family's template, never an id the API gave.
  if (typeof entry.id === "string" && entry.id !== "" && entry.id !== "string") return entry;
  const id = newId();
  return { ...entry, id, ...(part.baseId ? { baseID: id } : {}) };
}

/**
 * Ids shaped as Statsig's (22 letters and digits, as `729Qb4MVDs0YrIjNR5aOSm` in docs.statsig.com/statsigcli), from
 * a seeded generator: the same requests give the same ids on every run.
 */
export function idGenerator(seed = 20240601): () => string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let state = seed;
  return () => {
    let id = "";
    for (let i = 0; i < 22; i++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      id += alphabet[state % 62];
    }
    return id;
  };
}
