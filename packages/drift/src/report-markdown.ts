import type { DriftReport } from "./drift-report.js";
import type { Finding } from "./finding.js";

/** Markdown cells: a `|` or a line break in a value must not break the table. */
const cell = (value: string | number) => String(value).replaceAll("|", "\\|").replaceAll(/\r?\n/g, " ");

/**
 * `drift-report.md`: the report, readable in a pull request or an issue. Findings not in the baseline are marked
 * new; the tables follow the report's own order.
 */
export function renderDriftMarkdown(
  report: DriftReport,
  isNew: (finding: Finding) => boolean = () => true,
  notDrafted: readonly Finding[] = [],
): string {
  const requests = report.requests.reduce((sum, r) => sum + r.count, 0);
  const fresh = report.findings.filter(isNew).length;
  const lines = [
    "# Console API drift",
    "",
    `${requests} requests, ${report.findings.length} findings (${fresh} new), ${report.notVisible.length} operations not visible to this key.`,
  ];
  if (report.findings.length > 0) {
    lines.push(
      "",
      "| | operation | status | pointer | kind | expected | received | count |",
      "|---|---|---|---|---|---|---|---:|",
    );
    for (const f of report.findings) {
      lines.push(
        `| ${isNew(f) ? "new" : ""} | ${cell(`${f.method} ${f.path}`)} | ${f.status} | \`${cell(f.pointer || "(response)")}\` | ${f.kind} | ${cell(f.expected)} | ${cell(f.received)} | ${f.count} |`,
      );
    }
  }
  if (notDrafted.length > 0) {
    lines.push(
      "",
      "No overlay action is drafted for these (a wrong type, a format or a content type needs a person to decide):",
      "",
      ...notDrafted.map(
        (f) => `- ${cell(`${f.method} ${f.path} ${f.status}`)} \`${cell(f.pointer || "(response)")}\` ${f.kind}`,
      ),
    );
  }
  if (report.notVisible.length > 0) {
    lines.push(
      "",
      "Not visible to this key (403):",
      "",
      ...report.notVisible.map((op) => `- ${cell(`${op.method} ${op.path}`)}`),
    );
  }
  return `${lines.join("\n")}\n`;
}
