import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createStatsigConsoleClient, type StatsigConsoleClientOptions } from "@org/statsig-console-client";
import { newFindings } from "./baseline.js";
import { DriftCollector, type DriftReport } from "./drift-report.js";
import type { Finding } from "./finding.js";
import { draftOverlay } from "./overlay-draft.js";
import { renderDriftMarkdown } from "./report-markdown.js";
import { createResponseChecker, type ResponseTables } from "./response-checker.js";
import { type WalkProgress, walk } from "./walk.js";
import { walkPlan } from "./walk-plan.js";
import type { WalkStep } from "./walk-step.js";

export interface DriftOptions {
  apiKey: string;
  /** Default: the live API, https://statsigapi.net. */
  baseUrl?: string;
  /** Folder for drift-report.json, drift-report.md and drift-overlay.yaml; created when missing. */
  outDir: string;
  maxItems?: number;
  maxPages?: number;
  concurrency?: number;
  /** Path templates (optionally `GET /...`) to limit the walk to; an item's list is read to find its ids. */
  operations?: readonly string[];
  /** An earlier drift-report.json: its findings are kept in the report but are not new drift. */
  baselineFile?: string;
  /** The date drafted overlay actions say they were seen on (YYYY-MM-DD). Default: today. */
  date?: string;
  onProgress?: (progress: WalkProgress) => void;
  /** Client options beyond the key and origin (tests pass a shorter retry delay). */
  client?: Omit<StatsigConsoleClientOptions, "apiKey" | "baseUrl">;
  /** Default: the tables the generator wrote from the overlaid spec. */
  tables?: ResponseTables;
  plan?: readonly WalkStep[];
}

export interface DriftResult {
  /** 0 no new drift, 1 new drift, 2 could not run (see `reason`). */
  exitCode: 0 | 1 | 2;
  reason?: string;
  report?: DriftReport;
  newFindings?: Finding[];
  requests: number;
  failed: number;
}

/** Why a run is unusable, or undefined. Usage errors are found before any request. */
export class DriftUsageError extends Error {
  override name = "DriftUsageError";
}

/**
 * One drift run: walks the project read-only, checks every answer against the overlaid spec and writes the
 * report, its Markdown and the draft overlay. Resolves with the exit code; it throws only for usage errors.
 */
export async function runDrift(options: DriftOptions): Promise<DriftResult> {
  if (options.baseUrl) checkOrigin(options.baseUrl);
  const plan = selectOperations(options.plan ?? walkPlan, options.operations);
  const maxItems = positive("--max-items", options.maxItems ?? 5);
  const maxPages = positive("--max-pages", options.maxPages ?? 3);
  const concurrency = positive("--concurrency", options.concurrency ?? 2);
  const baseline = options.baselineFile ? await readBaseline(options.baselineFile) : undefined;
  const client = createStatsigConsoleClient({
    ...options.client,
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });

  const collector = new DriftCollector();
  const outcome = await walk({
    client,
    plan,
    check: createResponseChecker(options.tables),
    collector,
    maxItems,
    maxPages,
    concurrency,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const counts = { requests: outcome.requests, failed: outcome.failed };
  if (outcome.unauthorized) {
    return { exitCode: 2, reason: "the API refused the key (401): check STATSIG_CONSOLE_API_KEY", ...counts };
  }
  if (outcome.requests > 0 && outcome.unanswered === outcome.requests) {
    return { exitCode: 2, reason: `cannot reach the API: ${outcome.firstConnectionError}`, ...counts };
  }
  if (outcome.failed * 2 > outcome.requests) {
    return {
      exitCode: 2,
      reason: `${outcome.failed} of ${outcome.requests} requests failed after retries (no answer, 5xx or 429)`,
      ...counts,
    };
  }
  if (outcome.succeeded === 0) {
    const statuses = [...new Set(collector.report().requests.map((r) => r.status))].join(", ");
    return {
      exitCode: 2,
      reason: `nothing was compared: no request was answered 2xx (answers: ${statuses || "none"}); check --base-url and the key's project`,
      ...counts,
    };
  }

  const report = redact(collector.report(), options.apiKey);
  const fresh = newFindings(report, baseline);
  const isNew = new Set(fresh);
  const tables = options.tables;
  const overlay = draftOverlay(report.findings, { date: options.date ?? today(), ...(tables ? { tables } : {}) });
  await mkdir(options.outDir, { recursive: true });
  await writeAtomically(join(options.outDir, "drift-report.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(
    join(options.outDir, "drift-report.md"),
    renderDriftMarkdown(report, (finding) => isNew.has(finding as DriftReport["findings"][number]), overlay.unfixable),
  );
  await writeAtomically(join(options.outDir, "drift-overlay.yaml"), overlay.yaml);
  return { exitCode: fresh.length > 0 ? 1 : 0, report, newFindings: fresh, ...counts };
}

function selectOperations(plan: readonly WalkStep[], operations: readonly string[] | undefined): WalkStep[] {
  if (!operations || operations.length === 0) return [...plan];
  const wanted = new Set(operations.map((op) => op.trim().replace(/^GET\s+/i, "")).filter(Boolean));
  if (wanted.size === 0) throw new DriftUsageError("--operations: no operation named");
  const known = new Set(plan.flatMap((step) => [step.path, ...(step.item ? [step.item.path] : [])]));
  const unknown = [...wanted].filter((op) => !known.has(op));
  if (unknown.length > 0) {
    throw new DriftUsageError(
      `--operations: ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the walk (GETs the key alone can call, and their items)`,
    );
  }
  return plan.flatMap((step): WalkStep[] => {
    const item = step.item && wanted.has(step.item.path) ? step.item : undefined;
    if (!wanted.has(step.path) && !item) return [];
    return [item ? { ...step, item } : { path: step.path, paginated: step.paginated }];
  });
}

/** The key travels in a header: only over https, or to this machine. */
function checkOrigin(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new DriftUsageError("--base-url must be an absolute http(s) URL");
  }
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new DriftUsageError("--base-url must be https (http only for localhost): the key is sent with every request");
  }
}

/** An API that echoes the key back (in a message, an enum value, a property name) still never gets it into a file. */
function redact(report: DriftReport, apiKey: string): DriftReport {
  if (apiKey.length < 8) return report;
  return JSON.parse(JSON.stringify(report).replaceAll(apiKey, "[redacted]")) as DriftReport;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new DriftUsageError(`${name} must be a whole number >= 1`);
  return value;
}

async function readBaseline(file: string): Promise<Pick<DriftReport, "findings">> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DriftUsageError(`--baseline: cannot read ${file} as JSON${code ? ` (${code})` : ""}`);
  }
  if (!Array.isArray((parsed as DriftReport | null)?.findings)) {
    throw new DriftUsageError(`--baseline: ${file} is not a drift-report.json (no "findings" list)`);
  }
  return parsed as DriftReport;
}

const today = () => new Date().toISOString().slice(0, 10);

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, content);
  await rename(temp, file);
}
