import type { GetOperations, ListItems } from "@org/statsig-console-types/operation-index";
import type { CallOptions, StatsigConsoleClient } from "./client-types.js";
import { makeError } from "./internal/make-error.js";
import { type FetchResult, unwrap } from "./unwrap.js";

/**
 * The paginated list operations whose `data` is a list: what `paginate` walks. (GET
 * /console/v1/segments/{id}/id_list pages through one object's `ids` instead: call it with `page` yourself.)
 */
export type ListPath = keyof ListItems;

/** What `paginate` yields for a path: an element of the list in `data`. */
export type PaginatedItem<P extends ListPath> = ListItems[P];

export interface PaginateOptions {
  /** Stop after yielding this many items. Default: no limit. */
  maxItems?: number;
  /** Stop after fetching this many pages (a safety net against a server that never says "last page"). Default 1000. */
  maxPages?: number;
}

const DEFAULT_MAX_PAGES = 1000;

/**
 * Yields the items of a paginated list operation across pages, following `page` and
 * `pagination.nextPage` until the last page (no `nextPage`, or an empty page), `maxItems`, `maxPages`
 * (default 1000) or a `break`. A failed page throws its typed error (see `unwrap`); a page that is not
 * a page, or one the server sent before (it ignored `page`, or repeats a cursor), throws
 * ResponseParseError rather than looping or yielding items twice. The caller's `signal` applies to every page.
 *
 * @example for await (const gate of paginate(client, "/console/v1/gates", { params: { query: { limit: 100 } } })) {}
 */
export async function* paginate<P extends ListPath>(
  client: StatsigConsoleClient,
  path: P,
  init?: [GetOperations[P]] extends [{ init: infer I }] ? I & CallOptions : never,
  options: PaginateOptions = {},
): AsyncGenerator<PaginatedItem<P>, void, undefined> {
  const base = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
  const { maxItems = Infinity, maxPages = DEFAULT_MAX_PAGES } = options;
  const get = client.GET as unknown as (path: string, init: unknown) => Promise<FetchResult>;
  const seenPages = new Set<number>();
  const seenCursors = new Set<string>();
  let previousItems: string | undefined;
  let page = Number(base.params?.query?.page ?? 1);
  let yielded = 0;
  for (let pages = 1; pages <= maxPages && yielded < maxItems; pages++) {
    const result = await get(path, { ...base, params: { ...base.params, query: { ...base.params?.query, page } } });
    const body = (await unwrap(result)) as { data?: unknown; pagination?: Record<string, unknown> | null } | null;
    const notAPage = (detail: string) =>
      makeError(
        { kind: "parse", detail: `page ${page}: ${detail}` },
        { method: "GET", path, url: result.response.url, mayHaveBeenApplied: false },
      );
    if (typeof body !== "object" || body === null || !Array.isArray(body.data)) {
      throw notAPage("the body is not a list page (no `data` list)");
    }
    const items: unknown[] = body.data;
    // The spec types pageNumber as any number; only a whole page number can be asked for next.
    const reported = body.pagination?.pageNumber;
    const number = typeof reported === "number" && Number.isInteger(reported) && reported >= 1 ? reported : page;
    const next = body.pagination?.nextPage;
    const cursor = typeof next === "string" && next !== "" ? next : undefined;
    const fingerprint = JSON.stringify(items);
    if (
      seenPages.has(number) ||
      (cursor !== undefined && seenCursors.has(cursor)) ||
      (items.length > 0 && fingerprint === previousItems)
    ) {
      throw notAPage("the server sent a page it had sent before (it may ignore `page`); stopping instead of looping");
    }
    seenPages.add(number);
    if (cursor !== undefined) seenCursors.add(cursor);
    previousItems = fingerprint;
    for (const item of items) {
      if (yielded >= maxItems) return;
      yielded++;
      yield item as PaginatedItem<P>;
    }
    if (!next || items.length === 0) return;
    page = number + 1;
  }
}
