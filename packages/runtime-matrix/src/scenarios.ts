/**
 * What every runtime of the matrix runs: the published client (packed tarballs, built dist) against the
 * test's loopback server. It returns what it observed, as JSON; the test decides what is right per runtime.
 * No runtime-specific API here: only what the client itself needs (fetch, AbortController, timers).
 */
import {
  AbortError,
  ConnectionError,
  createStatsigConsoleClient,
  NotFoundError,
  paginate,
  StatsigConsoleError,
  unwrap,
} from "@org/statsig-console-client";
import { type ExternalGateDto, operationCatalogue } from "@org/statsig-console-types";

export interface Urls {
  /** The test server: the API and, for the browser, the page's own origin. */
  base: string;
  /** The same server under another origin (another port), sending no CORS headers. */
  otherOrigin: string;
  /** A loopback port nothing listens on: connections are refused. */
  refused: string;
}

/** A thrown error, as far as the test needs to tell it apart. */
export interface Thrown {
  name: string;
  isStatsigError: boolean;
  isConnectionError: boolean;
  message: string;
  mayHaveBeenApplied?: boolean;
}

export interface Report {
  catalogueOperations: number;
  get: { status: number; id: string; isEnabled: boolean; description: string | null };
  post: { id: string };
  notFound: { isNotFoundError: boolean; status?: number; serverMessage?: string; mayHaveBeenApplied?: boolean };
  rateLimited: { status: number; id?: string; retries: { reason: string; delayMs: number }[]; retryAfterMs: unknown[] };
  redirect: { status?: number; id?: string; error?: Thrown };
  paginate: { ids?: string[]; error?: Thrown };
  abort: { error?: Thrown; causeIsReason?: boolean };
  refusedPost: { retries: number; error?: Thrown };
  refusedGet: { retries: number; error?: Thrown };
  crossOrigin: { status?: number; error?: Thrown };
}

const KEY = "console-runtime-matrix-key";

const thrown = (error: unknown): Thrown => {
  const e = error as Error & { mayHaveBeenApplied?: boolean };
  return {
    name: e?.name ?? typeof error,
    isStatsigError: error instanceof StatsigConsoleError,
    isConnectionError: error instanceof ConnectionError,
    message: String(e?.message),
    ...(typeof e?.mayHaveBeenApplied === "boolean" ? { mayHaveBeenApplied: e.mayHaveBeenApplied } : {}),
  };
};

export async function runScenarios(urls: Urls): Promise<Report> {
  const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: urls.base, retry: false });

  // A GET whose data is typed from the spec: `gate` is an ExternalGateDto.
  const got = await client.GET("/console/v1/gates/{id}", { params: { path: { id: "checkout" } } });
  const gate: ExternalGateDto | undefined = got.data?.data;
  if (!gate) throw new Error(`GET gate: no data (${got.response.status})`);

  const posted = await unwrap(client.POST("/console/v1/gates", { body: { name: "new_checkout", description: "d" } }));

  let notFound: Report["notFound"] = { isNotFoundError: false };
  try {
    await unwrap(client.GET("/console/v1/gates/{id}", { params: { path: { id: "missing" } } }));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    notFound = {
      isNotFoundError: true,
      status: error.status,
      serverMessage: error.serverMessage,
      mayHaveBeenApplied: error.mayHaveBeenApplied,
    };
  }

  // Retry-After: 0 is read (retryAfterMs 0); a backoff would pick from up to 5 s instead.
  const retries: Report["rateLimited"]["retries"] = [];
  const retryAfterMs: unknown[] = [];
  const patient = createStatsigConsoleClient({
    apiKey: KEY,
    baseUrl: urls.base,
    retry: {
      maxRetries: 2,
      baseDelayMs: 5000,
      maxDelayMs: 5000,
      onRetry: ({ reason, delayMs }) => retries.push({ reason: String(reason), delayMs }),
      onRateLimit: (event) => {
        retryAfterMs.push(event.retryAfterMs ?? null);
        return undefined;
      },
    },
  });
  const limited = await patient.POST("/console/v1/gates", { body: { name: "rate_limited_once" } });

  let redirect: Report["redirect"];
  try {
    const moved = await client.GET("/console/v1/gates/{id}", { params: { path: { id: "old_name" } } });
    redirect = { status: moved.response.status, ...(moved.data ? { id: moved.data.data.id } : {}) };
  } catch (error) {
    redirect = { error: thrown(error) };
  }

  let pages: Report["paginate"];
  try {
    const ids: string[] = [];
    for await (const item of paginate(client, "/console/v1/gates", { params: { query: { limit: 2 } } })) {
      ids.push(item.id);
    }
    pages = { ids };
  } catch (error) {
    pages = { error: thrown(error) };
  }

  // Aborted while the server holds the request: the server says when it has it (no timing involved).
  const controller = new AbortController();
  const reason = new Error("the caller gave up");
  const hanging = client.GET("/console/v1/gates/{id}", { params: { path: { id: "hang" } }, signal: controller.signal });
  await (await fetch(`${urls.base}/__test/wait-for-hang`)).text();
  controller.abort(reason);
  let abort: Report["abort"] = {};
  try {
    await hanging;
  } catch (error) {
    abort = { error: thrown(error), causeIsReason: error instanceof AbortError && error.cause === reason };
  }

  const refusedRetries = { post: 0, get: 0 };
  const quick = (count: "post" | "get") =>
    createStatsigConsoleClient({
      apiKey: KEY,
      baseUrl: urls.refused,
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1, onRetry: () => void refusedRetries[count]++ },
    });
  let refusedPost: Report["refusedPost"] = { retries: 0 };
  try {
    await quick("post").POST("/console/v1/gates", { body: { name: "never_sent" } });
  } catch (error) {
    refusedPost = { retries: refusedRetries.post, error: thrown(error) };
  }
  let refusedGet: Report["refusedGet"] = { retries: 0 };
  try {
    await quick("get").GET("/console/v1/gates");
  } catch (error) {
    refusedGet = { retries: refusedRetries.get, error: thrown(error) };
  }

  let crossOrigin: Report["crossOrigin"];
  try {
    const other = createStatsigConsoleClient({ apiKey: KEY, baseUrl: urls.otherOrigin, retry: false });
    crossOrigin = {
      status: (await other.GET("/console/v1/gates/{id}", { params: { path: { id: "checkout" } } })).response.status,
    };
  } catch (error) {
    crossOrigin = { error: thrown(error) };
  }

  return {
    catalogueOperations: operationCatalogue.length,
    get: { status: got.response.status, id: gate.id, isEnabled: gate.isEnabled, description: gate.description },
    post: { id: posted.data.id },
    notFound,
    rateLimited: {
      status: limited.response.status,
      ...(limited.data ? { id: limited.data.data.id } : {}),
      retries,
      retryAfterMs,
    },
    redirect,
    paginate: pages,
    abort,
    refusedPost,
    refusedGet,
    crossOrigin,
  };
}
