// Mutation scores from the StrykerJS reports of the last local runs (`pnpm exec stryker run` in packages/client and
// packages/codegen; the weekly workflow runs the same). A package without a report keeps the score recorded before.
import { existsSync, readFileSync, statSync } from "node:fs";
import { mutationScore } from "../../scripts/mutation-score.mjs";

const REPORTS = {
  client: new URL("../../packages/client/reports/mutation/mutation.json", import.meta.url),
  codegen: new URL("../../packages/codegen/reports/mutation/mutation.json", import.meta.url),
};

export function mutationScores(recorded = {}) {
  const out = {};
  for (const [name, file] of Object.entries(REPORTS)) {
    if (!existsSync(file)) {
      out[name] = recorded[name];
      continue;
    }
    const report = JSON.parse(readFileSync(file, "utf8"));
    const { detected, undetected, score } = mutationScore(report);
    const files = Object.keys(report.files ?? {}).map((f) => f.replace(/^.*?src\//, "src/"));
    out[name] = { score, detected, undetected, files, date: statSync(file).mtime.toISOString() };
  }
  return out;
}
