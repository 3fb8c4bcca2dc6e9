#!/usr/bin/env node
// The mutation score of a StrykerJS JSON report (mutation-testing-report-schema), as one Markdown line per report:
// killed and timed-out mutants over every mutant that tests could reach or should have (no coverage counts against).
// usage: node scripts/mutation-score.mjs <name>=<report.json> ...
import { existsSync, readFileSync } from "node:fs";

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

export function mutationScore(report) {
  let detected = 0;
  let undetected = 0;
  for (const file of Object.values(report.files ?? {})) {
    for (const mutant of file.mutants ?? []) {
      if (DETECTED.has(mutant.status)) detected++;
      else if (UNDETECTED.has(mutant.status)) undetected++;
    }
  }
  const total = detected + undetected;
  return { detected, undetected, score: total === 0 ? undefined : (detected / total) * 100 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.some((a) => !a.includes("="))) {
    console.error("usage: node scripts/mutation-score.mjs <name>=<report.json> ...");
    process.exit(2);
  }
  for (const arg of args) {
    const [name, file] = arg.split("=");
    if (!existsSync(file)) {
      console.log(`- ${name}: no report (${file}): the run did not finish`);
      continue;
    }
    const { detected, undetected, score } = mutationScore(JSON.parse(readFileSync(file, "utf8")));
    const shown = score === undefined ? "no mutants" : `${score.toFixed(1)}%`;
    console.log(`- ${name}: mutation score ${shown} (${detected} detected, ${undetected} survived or not covered)`);
  }
}
