import type { DriftReport } from "./drift-report.js";
import type { Finding } from "./finding.js";

// Not `expected`: it lists what the spec allows, which changes when the spec takes a new value elsewhere.
const key = (f: Finding) => [f.method, f.path, f.status, f.pointer, f.kind, f.received].join("\0");

/**
 * The findings of `report` that `baseline` (an earlier report, already reviewed) does not hold. Counts do not
 * matter: a known difference seen on more items is not new drift.
 */
export function newFindings(
  report: DriftReport,
  baseline: Pick<DriftReport, "findings"> | undefined,
): DriftReport["findings"] {
  const known = new Set((baseline?.findings ?? []).map(key));
  return report.findings.filter((finding) => !known.has(key(finding)));
}
