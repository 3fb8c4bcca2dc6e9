/**
 * A family of operations the stateful mock serves from state (written by the generator into `generated/`): a
 * collection POST that creates, the item GET that reads, an item POST (full update) or PATCH (merge), and an item
 * DELETE. Each role carries the status the spec declares for its success.
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
  /** The smallest request bodies the spec accepts (their required fields), built from the schemas. */
  examples?: { create?: unknown; merge?: unknown; replace?: unknown };
}

/** The success status the spec declares for a role, and what its body carries. */
export interface Role {
  status: number;
  /** `page`: `{ message, data: [...], pagination }`; `data`: `{ message, data }`; `message`: `{ message }`. */
  body?: "page" | "data" | "message";
}
