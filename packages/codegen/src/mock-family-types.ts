/**
 * What the generator writes into the mock package and the mock reads: this file is the one definition, and the
 * generator copies it verbatim into `packages/mock-server/src/generated/family.ts` (the mock publishes these types).
 *
 * A family of operations the stateful mock serves from state: a collection POST that creates, the item GET that
 * reads, an item POST (full update) or PATCH (merge), and an item DELETE. Each role carries the status the spec
 * declares for its success.
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

/** A success answer built from the schema, for an operation whose own examples fail it. */
export interface SampledAnswer {
  status: number;
  body: unknown;
}
