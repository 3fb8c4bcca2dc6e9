import type { OperationEntry } from "./catalogue.js";

type Row = Pick<OperationEntry, "method" | "path" | "pathParams" | "successStatus">;

/**
 * A family: where the spec is regular enough for state. A collection path with a POST that creates, and the item
 * path one parameter deeper with a GET that reads, a POST (Statsig's full update) or PATCH that updates, and a
 * DELETE that removes. The list GET is optional (some collections are not listed).
 */
export interface Family {
  /** The collection's last segment: `gates`, `dynamic_configs`. */
  name: string;
  collection: string;
  item: string;
  /** The item path's parameter (`id`, `name`): the field of an entity its path names it by. */
  param: string;
  create: Role;
  list?: Role;
  read: Role;
  replace?: Role;
  merge?: Role;
  remove: Role;
  /** An entity with every property the item's schema declares, built from the schema: what a create fills in. */
  template?: unknown;
  /** The same with only the properties the schema requires: what an item of an array in a request is completed with. */
  requiredTemplate?: unknown;
  /** The smallest request bodies the spec accepts (their required fields), built from the schemas. */
  examples?: { create?: unknown; merge?: unknown; replace?: unknown };
  /** The live API's own rules that fit this family, from the generator's rules table (see api-rules.md). */
  rules?: FamilyRules;
  /** Parts of the items with operations of their own (a gate's `rules`), by the item's property that holds them. */
  parts?: Record<string, PartRule>;
}

/** A part of an item: an array of objects with an `id` (given by the mock where a write leaves it out). */
export interface PartRule {
  ops: PartOp[];
  /** Its items also carry a `baseID`, the same as the id they were created with. */
  baseId?: boolean;
}

/** One operation on a part: `add-many` takes `{ [part]: [...] }`, `add-one` one item; both answer the whole item. */
export interface PartOp extends Role {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  kind: "add-many" | "add-one" | "merge-many" | "merge-one" | "remove-one" | "read-one" | "list" | "list-wrapped";
}

/** What the rules table says about one family, resolved against its spec. */
export interface FamilyRules {
  /** A created entity's id is its name in lower case, each run of blanks an underscore. */
  idFromName?: boolean;
  /** The status a create answers when the id is taken. */
  takenName?: number;
  /** Fields a create sets (those the entity has). */
  onCreate?: Record<string, unknown>;
  /** Fields every later write sets (those the entity has). */
  onWrite?: Record<string, unknown>;
  /** `{item}/{action}` operations served from state, by action name. */
  actions?: Record<string, ActionRule>;
}

/** One action on an item: its method, success status and body, and what it changes. */
export interface ActionRule extends Role {
  method: "PUT" | "POST";
  /** Fields the action sets. */
  set?: Record<string, unknown>;
  /** The action whose changes this one takes back (unarchive undoes archive). */
  undoes?: string;
  /** Whether the operation takes a JSON body: `required` (send one, even `{}`), `optional`; absent when it takes none. */
  requestBody?: "required" | "optional";
}

/** The success status the spec declares for a role, and what its body carries. */
export interface Role {
  status: number;
  /** `page`: `{ message, data: [...], pagination }`; `data`: `{ message, data }`; `message`: `{ message }`. */
  body?: "page" | "data" | "message";
}

/** Whether an operation is served from state, and in which role; or why it answers from the spec's examples. */
export interface CoverageRow {
  method: string;
  path: string;
  family?: string;
  role?: "create" | "list" | "read" | "replace" | "merge" | "remove" | "action" | "part";
  /** For an action, the rule that serves it; for a part, the part and what the operation does (`rules add-many`). */
  detail?: string;
  /** Set when the operation answers from examples: the reason it is not stateful. */
  reason?: string;
}

/**
 * The families of a catalogue, and for every operation whether a family serves it. Operations below an item path
 * (actions such as `/archive`, sub-resources such as `/rules`) belong to their family but answer from examples
 * until they are modelled; the coverage table says so, operation by operation.
 */
export function deriveFamilies(
  catalogue: readonly Row[],
  options: {
    /** Whether the collection's GET lists the same entities the item GET reads (the generator compares schemas). */
    listsItems?: (collection: string, item: string) => boolean;
  } = {},
): { families: Family[]; coverage: CoverageRow[] } {
  const listsItems = options.listsItems ?? (() => true);
  const otherLists = new Set<string>();
  const find = (method: string, path: string) => catalogue.find((op) => op.method === method && op.path === path);
  const families: Family[] = [];
  const missing = new Map<string, string>();
  const collections = [...new Set(catalogue.filter((op) => op.pathParams.length === 0).map((op) => op.path))];
  for (const collection of collections.sort()) {
    const item = catalogue.find(
      (op) => op.method === "GET" && op.pathParams.length === 1 && op.path === `${collection}/{${op.pathParams[0]}}`,
    );
    const create = find("POST", collection);
    if (!create || !item) continue;
    const update = find("POST", item.path) ?? find("PATCH", item.path);
    const remove = find("DELETE", item.path);
    if (!update || !remove) {
      const lacking = [...(update ? [] : ["item POST or PATCH"]), ...(remove ? [] : ["item DELETE"])];
      missing.set(
        collection,
        `not a family: ${collection} has a create and an item read, no ${lacking.join(" and no ")}`,
      );
      missing.set(item.path, missing.get(collection) as string);
      continue;
    }
    const status = (op: Row | undefined) => (op ? { status: op.successStatus } : undefined);
    const lists = listsItems(collection, item.path);
    if (!lists) otherLists.add(collection);
    const list = lists ? status(find("GET", collection)) : undefined;
    const replace = status(find("POST", item.path));
    const merge = status(find("PATCH", item.path));
    families.push({
      name: collection.split("/").pop() as string,
      collection,
      item: item.path,
      param: item.pathParams[0] as string,
      create: { status: create.successStatus },
      ...(list ? { list } : {}),
      read: { status: item.successStatus },
      ...(replace ? { replace } : {}),
      ...(merge ? { merge } : {}),
      remove: { status: remove.successStatus },
    });
  }

  const coverage = catalogue.map((op): CoverageRow => {
    const row = { method: op.method, path: op.path };
    for (const family of families) {
      const role = roleIn(family, op);
      if (role) return { ...row, family: family.name, role };
      if (op.path.startsWith(`${family.item}/`)) {
        return { ...row, family: family.name, reason: `an action or part of ${family.name} items, not modelled yet` };
      }
    }
    if (op.method === "GET" && otherLists.has(op.path)) {
      return { ...row, reason: "lists other entities than its family's items (another schema)" };
    }
    const reason = missing.get(op.path);
    if (reason) return { ...row, reason };
    return { ...row, reason: "not a family: no collection POST with an item GET, POST or PATCH, and DELETE" };
  });
  return { families, coverage };
}

function roleIn(family: Family, op: Row): CoverageRow["role"] | undefined {
  const role =
    op.path === family.collection
      ? ({ POST: "create", GET: "list" } as const)[op.method as "POST" | "GET"]
      : op.path === family.item
        ? ({ GET: "read", POST: "replace", PATCH: "merge", DELETE: "remove" } as const)[
            op.method as "GET" | "POST" | "PATCH" | "DELETE"
          ]
        : undefined;
  return role && family[role] ? role : undefined;
}

/**
 * The coverage rows of the operations `served` names (`"METHOD path"` -> detail) marked as served from state in
 * `role`; the others as they were.
 */
export function markServed(
  coverage: readonly CoverageRow[],
  served: ReadonlyMap<string, string>,
  role: "action" | "part",
): CoverageRow[] {
  return coverage.map((row) => {
    const detail = served.get(`${row.method} ${row.path}`);
    if (!detail) return row;
    const { reason: _notModelled, ...rest } = row;
    return { ...rest, role, detail };
  });
}

/** A markdown table cell: its pipes escaped. */
export const tableCell = (text: string) => text.replaceAll("|", "\\|");

/** `coverage.md`: the table the mock's README links, one row per operation. */
export function renderCoverage(coverage: readonly CoverageRow[], banner: string): string {
  const stateful = coverage.filter((row) => row.role).length;
  const families = new Set(coverage.flatMap((row) => (row.role ? [row.family] : []))).size;
  const cell = tableCell;
  return [
    `<!--\n${banner.trim()}\n-->`,
    "",
    "# What the stateful mock serves from state",
    "",
    `${stateful} of ${coverage.length} operations are served from state, in ${families} families; the others answer`,
    "from the spec's examples (or, where those fail their own schema, a body built from it), for the reason given. A",
    "family is a collection POST with an item GET, an item POST or PATCH, and an item DELETE; actions come from the",
    "rules table (api-rules.md), and parts are arrays of items with ids that have operations of their own.",
    "",
    "| operation | family | served | why not from state |",
    "| --- | --- | --- | --- |",
    ...coverage.map(
      (row) =>
        `| ${cell(`${row.method} ${row.path}`)} | ${row.family ?? ""} | ${row.role ? `state (${row.detail ? `${row.role} ${row.detail}` : row.role})` : "examples"} | ${cell(row.reason ?? "")} |`,
    ),
    "",
  ].join("\n");
}

/** A success answer built from the schema, for an operation whose own examples fail it. */
export interface SampledAnswer {
  status: number;
  body: unknown;
}
