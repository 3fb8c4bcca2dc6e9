import type { Finding } from "./finding.js";
import { createResponseChecker } from "./response-checker.js";

export type { Finding, FindingKind } from "./finding.js";

export interface DriftReporterOptions {
  /** Called with the findings of one response, when there are any. What it throws or rejects with is dropped. */
  onDrift: (findings: Finding[]) => unknown;
}

/** What openapi-fetch hands a middleware's `onResponse` (the fields the reporter reads). */
interface ResponseParams {
  request: Request;
  response: Response;
  schemaPath: string;
  options?: { parseAs?: string };
}

/**
 * An openapi-fetch middleware that checks every JSON answer against the overlaid spec, off the caller's path:
 * `createStatsigConsoleClient({ validateResponses: driftReporter({ onDrift }) })`.
 */
export interface DriftReporter {
  onResponse(params: ResponseParams): undefined;
  /** Resolves when every response seen so far has been checked (for tests, and before a process exits). */
  flush(): Promise<void>;
}

/**
 * Reports where the live API's answers depart from the overlaid spec, with the drift check's findings (new enum
 * values included). It never throws into a call and never changes a response: the body is read from a clone, after
 * the call has its answer. Its validators were compiled ahead of time by the generator, so it runs where `new
 * Function` is refused (workerd, strict CSPs).
 */
export function driftReporter(options: DriftReporterOptions): DriftReporter {
  const check = createResponseChecker();
  const pending = new Set<Promise<void>>();

  const inspect = async ({ request, response, schemaPath }: ResponseParams, copy: Response) => {
    const contentType = response.headers.get("content-type");
    const text = await copy.text();
    let body: unknown = text === "" ? undefined : text;
    try {
      if (text !== "") body = JSON.parse(text);
    } catch {}
    const findings = check({ method: request.method, path: schemaPath, status: response.status, contentType, body });
    if (findings.length > 0) await options.onDrift(findings);
  };

  return {
    onResponse(params) {
      // Streams and text are the caller's to read; only what the client parses as JSON is checked.
      if ((params.options?.parseAs ?? "json") !== "json") return undefined;
      try {
        const copy = params.response.clone();
        const task: Promise<void> = inspect(params, copy)
          .catch(() => {})
          .finally(() => pending.delete(task));
        pending.add(task);
      } catch {}
      return undefined;
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
