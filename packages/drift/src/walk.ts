import { type StatsigConsoleClient, StatsigConsoleError } from "@org/statsig-console-client";
import pLimit from "p-limit";
import type { DriftCollector } from "./drift-report.js";
import type { Finding } from "./finding.js";
import type { ObservedResponse } from "./response-checker.js";
import { entryIds } from "./walk-plan.js";
import type { WalkStep } from "./walk-step.js";

export interface WalkOptions {
  client: StatsigConsoleClient;
  plan: readonly WalkStep[];
  check: (response: ObservedResponse) => Finding[];
  collector: DriftCollector;
  /** Items read per list (the first ones listed). */
  maxItems: number;
  /** Pages read per paginated list. */
  maxPages: number;
  concurrency: number;
  signal?: AbortSignal;
  onProgress?: (progress: WalkProgress) => void;
}

/** Operations and items done, of those known so far (items become known as their lists are read). */
export interface WalkProgress {
  operationsDone: number;
  operationsKnown: number;
  itemsDone: number;
  itemsKnown: number;
}

export interface WalkOutcome {
  requests: number;
  /** Requests that got no answer (connection, timeout), a 5xx or a 429, after the client's retries: not compared. */
  failed: number;
  /** Set when the key was refused (401): the walk stops at once. */
  unauthorized: boolean;
  /** The first failure without an answer, for the one-line error when nothing could be reached. */
  firstConnectionError: string | undefined;
  /** Requests that got no answer at all. */
  unanswered: number;
  /** Requests answered 2xx: with none, nothing was compared. */
  succeeded: number;
}

interface Answer {
  status: number;
  body: unknown;
}

/**
 * Reads the project as the plan says: each list (its pages, up to `maxPages`), then up to `maxItems` of its
 * entries through the item GET. Only GETs, through the client (quota, retries, the key kept to its origin).
 * Every answer goes to the checker and the collector; the body itself is dropped once checked.
 */
export async function walk(options: WalkOptions): Promise<WalkOutcome> {
  const { client, plan, check, collector, maxItems, maxPages, signal } = options;
  const limit = pLimit(options.concurrency);
  const outcome: WalkOutcome = {
    requests: 0,
    failed: 0,
    unauthorized: false,
    firstConnectionError: undefined,
    unanswered: 0,
    succeeded: 0,
  };
  const progress: WalkProgress = { operationsDone: 0, operationsKnown: plan.length, itemsDone: 0, itemsKnown: 0 };
  const report = () => options.onProgress?.({ ...progress });

  const get = (template: string, params: object): Promise<Answer | undefined> =>
    limit(async () => {
      if (outcome.unauthorized || signal?.aborted) return undefined;
      outcome.requests++;
      let result: Awaited<ReturnType<StatsigConsoleClient["request"]>>;
      try {
        // `text`: the body is parsed here, so an HTML error page is a finding rather than a parse error.
        // `manual`: redirects are followed here, on the API's origin only. A redirect elsewhere is the API's answer,
        // compared as one: followed, another origin's answer would be judged as the API's (the key stays behind, so
        // its 401 would even read as a refused key).
        const init = { parseAs: "text", signal, redirect: "manual" } as const;
        result = await client.request("get", template, { ...init, params });
        for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
          const next = sameOriginRedirect(result.response);
          if (!next) break;
          result = await client.request("get", next as typeof template, init as never);
        }
      } catch (error) {
        outcome.failed++;
        outcome.unanswered++;
        outcome.firstConnectionError ??= error instanceof StatsigConsoleError ? error.message : String(error);
        return undefined;
      }
      const { response } = result;
      const raw = result.data ?? result.error;
      const contentType = response.headers.get("content-type");
      const body = parseBody(raw, contentType);
      collector.request("GET", template, response.status);
      if (response.status === 401) outcome.unauthorized = true;
      if (response.status >= 200 && response.status <= 299) outcome.succeeded++;
      // Still rate-limited or failing once the client's retries are spent: a bad day, not drift. Not compared.
      const failed = response.status >= 500 || response.status === 429;
      if (failed) outcome.failed++;
      if (!failed && response.status !== 403 && response.status !== 401) {
        collector.findings(check({ method: "GET", path: template, status: response.status, contentType, body }));
      }
      return { status: response.status, body };
    });

  const readList = async (step: WalkStep) => {
    const ids: string[] = [];
    for (let page = 1; page <= (step.paginated ? maxPages : 1); page++) {
      const answer = await get(step.path, step.paginated ? { query: { page } } : {});
      if (!answer || answer.status < 200 || answer.status > 299) break;
      if (step.item) ids.push(...entryIds(answer.body, step.item.param, maxItems - ids.length));
      if (!step.paginated || !hasNextPage(answer.body)) break;
    }
    progress.operationsDone++;
    if (step.item && ids.length > 0) {
      progress.itemsKnown += ids.length;
      report();
      const item = step.item;
      await Promise.all(
        ids.map(async (id) => {
          await get(item.path, { path: { [item.param]: id } });
          progress.itemsDone++;
          report();
        }),
      );
    } else report();
  };

  report();
  await Promise.all(plan.map(readList));
  return outcome;
}

/** JSON when it parses, whatever the declared type (the checker judges the type); otherwise the text. */
function parseBody(raw: unknown, contentType: string | null): unknown {
  if (typeof raw !== "string") return raw;
  if (raw === "") return undefined;
  if (!contentType || /json/i.test(contentType)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

/** A next page is announced (`pagination.nextPage`) and the page read was not empty. */
function hasNextPage(body: unknown): boolean {
  const page = body as { data?: unknown; pagination?: { nextPage?: unknown } | null } | null;
  return Boolean(page?.pagination?.nextPage) && Array.isArray(page?.data) && page.data.length > 0;
}

const MAX_REDIRECTS = 5;

/** Where a redirect on the API's own origin leads (path and query), or undefined for any other answer. */
function sameOriginRedirect(response: Response): string | undefined {
  const location = [301, 302, 303, 307, 308].includes(response.status) ? response.headers.get("location") : null;
  if (location === null) return undefined;
  let next: URL;
  try {
    next = new URL(location, response.url);
  } catch {
    return undefined;
  }
  return next.origin === new URL(response.url).origin ? `${next.pathname}${next.search}` : undefined;
}
