import { describe, expect, test } from "vitest";
import { type DriftReport, type Finding, newFindings, renderDriftMarkdown } from "../src/index.js";

const finding = (pointer: string, received: string, count = 1): Finding & { count: number } => ({
  method: "GET",
  path: "/console/v1/metrics",
  status: 200,
  pointer,
  kind: "enum-value",
  expected: "event_count | user",
  received,
  count,
});
const report: DriftReport = {
  requests: [{ method: "GET", path: "/console/v1/metrics", status: 200, count: 3 }],
  findings: [finding("/data/*/type", "percentile", 4), finding("/data/*/type", "a|b")],
  notVisible: [{ method: "GET", path: "/console/v1/users" }],
};

describe("baseline", () => {
  test("findings an earlier report holds are not new, whatever their count; without a baseline all are", () => {
    const baseline = { findings: [finding("/data/*/type", "percentile", 1)] };
    expect(newFindings(report, baseline)).toEqual([finding("/data/*/type", "a|b")]);
    expect(newFindings(report, undefined)).toEqual(report.findings);
  });
});

describe("drift-report.md", () => {
  test("totals, one row per finding marked new or not, escaped cells, and the operations not visible", () => {
    const known = new Set(["percentile"]);
    const markdown = renderDriftMarkdown(report, (f) => !known.has(f.received));
    expect(markdown).toContain("3 requests, 2 findings (1 new), 1 operations not visible to this key.");
    expect(markdown).toContain(
      "|  | GET /console/v1/metrics | 200 | `/data/*/type` | enum-value | event_count \\| user | percentile | 4 |",
    );
    expect(markdown).toContain(
      "| new | GET /console/v1/metrics | 200 | `/data/*/type` | enum-value | event_count \\| user | a\\|b | 1 |",
    );
    expect(markdown).toMatch(/Not visible to this key \(403\):\n\n- GET \/console\/v1\/users\n$/);
  });

  test("no findings: the totals alone", () => {
    expect(renderDriftMarkdown({ requests: [], findings: [], notVisible: [] })).toBe(
      "# Console API drift\n\n0 requests, 0 findings (0 new), 0 operations not visible to this key.\n",
    );
  });
});
