import { writeFileSync } from "node:fs";
import type { OperationInfo } from "@org/statsig-console-types";

type Outcome = "pass" | "fail";
interface Row {
  method: string;
  path: string;
  positive?: Outcome;
  negative?: Outcome;
}

const rows = new Map<string, Row>();

/** Notes what a test did to an operation ("fail" first, overwritten by "pass" when it gets there). */
export function recordResult(op: OperationInfo, kind: "positive" | "negative", outcome: Outcome): void {
  const key = `${op.method} ${op.path}`;
  const row = rows.get(key) ?? { method: op.method, path: op.path };
  row[kind] = outcome;
  rows.set(key, row);
}

export const COVERAGE_FILE = new URL("../contract-coverage.json", import.meta.url);

/**
 * Writes contract-coverage.json and throws when any catalogue operation was not exercised, so the
 * run fails even if a test was skipped or filtered out.
 */
export function writeCoverage(catalogue: readonly OperationInfo[]): void {
  const operations = catalogue.map((op) => rows.get(`${op.method} ${op.path}`) ?? { method: op.method, path: op.path });
  const count = (kind: "positive" | "negative", outcome: Outcome) =>
    operations.filter((row) => row[kind] === outcome).length;
  const totals = {
    operations: catalogue.length,
    exercised: operations.filter((row) => row.positive !== undefined).length,
    positivePassed: count("positive", "pass"),
    positiveFailed: count("positive", "fail"),
    negativePassed: count("negative", "pass"),
    negativeFailed: count("negative", "fail"),
    withRequestBody: catalogue.filter((op) => op.hasBody).length,
  };
  writeFileSync(COVERAGE_FILE, `${JSON.stringify({ totals, operations }, null, 2)}\n`);
  const missing = operations.filter((row) => row.positive === undefined);
  if (missing.length > 0) {
    throw new Error(
      `${missing.length} catalogue operations were not exercised, e.g. ${missing[0]?.method} ${missing[0]?.path}`,
    );
  }
}
