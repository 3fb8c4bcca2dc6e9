import type { OperationEntry } from "./catalogue.js";
import type { Family } from "./mock-family-types.js";

export type {
  ActionRule,
  Family,
  FamilyRules,
  PartOp,
  PartRule,
  Role,
  SampledAnswer,
} from "./mock-family-types.js";

type Row = Pick<OperationEntry, "method" | "path" | "pathParams" | "successStatus">;

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
