import type { GetOperations, PaginatedPath } from "@org/statsig-console-types";
import type { CallOptions, StatsigConsoleClient } from "./client-types.js";
import { unwrap } from "./unwrap.js";

type ListBody<P extends PaginatedPath> = GetOperations[P]["data"];

/** What `paginate` yields for a path: an element of `data` (or `data` itself where it is not a list). */
export type PaginatedItem<P extends PaginatedPath> = ListBody<P>["data"] extends readonly (infer I)[]
  ? I
  : ListBody<P>["data"];

export interface PaginateOptions {
  /** Stop after yielding this many items. Default: no limit. */
  maxItems?: number;
  /** Stop after fetching this many pages. Default: no limit. */
  maxPages?: number;
}

/**
 * Yields the items of a paginated list operation across pages, following `page` and
 * `pagination.nextPage` until the last page (or `maxItems`/`maxPages`, or a `break`).
 * A failed page throws the typed error (see `unwrap`); the caller's `signal` applies to every page.
 *
 * @example for await (const gate of paginate(client, "/console/v1/gates", { params: { query: { limit: 100 } } })) {}
 */
export async function* paginate<P extends PaginatedPath>(
  client: StatsigConsoleClient,
  path: P,
  init?: GetOperations[P]["init"] & CallOptions,
  options: PaginateOptions = {},
): AsyncGenerator<PaginatedItem<P>, void, undefined> {
  const base = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
  let page = Number(base.params?.query?.page ?? 1);
  let yielded = 0;
  const get = client.GET as unknown as (
    path: string,
    init: unknown,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  for (let pages = 1; ; pages++) {
    const body = (await unwrap(
      get(path, { ...base, params: { ...base.params, query: { ...base.params?.query, page } } }),
    )) as { data?: unknown; pagination?: { nextPage?: unknown; pageNumber?: number } | null };
    const items = Array.isArray(body.data) ? body.data : body.data === undefined ? [] : [body.data];
    for (const item of items) {
      if (options.maxItems !== undefined && yielded >= options.maxItems) return;
      yielded++;
      yield item as PaginatedItem<P>;
    }
    const last = !body.pagination?.nextPage || items.length === 0;
    if (last || (options.maxPages !== undefined && pages >= options.maxPages)) return;
    if (options.maxItems !== undefined && yielded >= options.maxItems) return;
    page = (body.pagination?.pageNumber ?? page) + 1;
  }
}
