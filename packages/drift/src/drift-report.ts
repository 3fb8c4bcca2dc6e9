import type { Finding } from "./finding.js";

/** What `drift-report.json` holds. Every list is in a fixed order, so two runs over the same API compare line by line. */
export interface DriftReport {
  requests: { method: string; path: string; status: number; count: number }[];
  findings: (Finding & { count: number })[];
  /** Operations that answered 403: not visible to this key, so not compared. */
  notVisible: { method: string; path: string }[];
}

const FINDING_FIELDS = ["method", "path", "status", "pointer", "kind", "expected", "received"] as const;

/**
 * Collects what a walk saw. The same finding across many items or pages is kept once, with a count. Only what
 * the report shape names is kept: a finding's fields are templates, pointers, kinds, types and enum values.
 */
export class DriftCollector {
  readonly #requests = new Map<string, DriftReport["requests"][number]>();
  readonly #findings = new Map<string, DriftReport["findings"][number]>();
  readonly #notVisible = new Map<string, DriftReport["notVisible"][number]>();

  request(method: string, path: string, status: number): void {
    const entry = { method: method.toUpperCase(), path, status };
    const key = JSON.stringify(entry);
    const seen = this.#requests.get(key);
    if (seen) seen.count++;
    else this.#requests.set(key, { ...entry, count: 1 });
    if (status === 403)
      this.#notVisible.set(`${entry.method} ${path}`, {
        method: entry.method,
        path,
      });
  }

  findings(findings: Finding[]): void {
    for (const finding of findings) {
      const entry = Object.fromEntries(FINDING_FIELDS.map((field) => [field, finding[field]])) as unknown as Finding;
      const key = JSON.stringify(entry);
      const seen = this.#findings.get(key);
      if (seen) seen.count++;
      else this.#findings.set(key, { ...entry, count: 1 });
    }
  }

  report(): DriftReport {
    return {
      requests: [...this.#requests.values()].sort(byFields(["method", "path", "status"])),
      findings: [...this.#findings.values()].sort(byFields(FINDING_FIELDS)),
      notVisible: [...this.#notVisible.values()].sort(byFields(["method", "path"])),
    };
  }
}

function byFields<T>(fields: readonly (keyof T)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const field of fields) {
      const [x, y] = [a[field], b[field]];
      if (x === y) continue;
      return typeof x === "number" && typeof y === "number" ? x - y : String(x) < String(y) ? -1 : 1;
    }
    return 0;
  };
}
