#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { overallLevel } from "./diff/change.js";
import { renderMarkdown } from "./diff/report.js";
import { CodegenError } from "./errors.js";
import { runCli } from "./run-cli.js";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, diffSpecFiles, repoLayout, updateSpec } from "./spec-update.js";

const defaultRoot = fileURLToPath(new URL("../../../", import.meta.url));

const USAGE = `usage: pnpm spec:update <file-or-url> [--allow-stale-overlays] [--timeout-ms N]
       pnpm spec:diff <old> <new> [--json] [--timeout-ms N]
update vendors a new spec release, regenerates and writes a changeset; diff prints what changed between two specs.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      root: { type: "string", default: defaultRoot },
      "allow-stale-overlays": { type: "boolean", default: false },
      "timeout-ms": { type: "string", default: String(DEFAULT_DOWNLOAD_TIMEOUT_MS) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeoutMs = Number(values["timeout-ms"]);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new CodegenError(`--timeout-ms must be a positive number of milliseconds, got ${values["timeout-ms"]}`);
  }
  const [command, ...args] = positionals;
  const layout = repoLayout(values.root);
  if (command === "update" && args.length === 1) {
    const result = await updateSpec(layout, args[0] as string, {
      allowStaleOverlays: values["allow-stale-overlays"],
      timeoutMs,
    });
    for (const action of result.staleActions) console.warn(`warning: stale overlay skipped: ${action}`);
    if (!result.changed) {
      console.log("The spec is byte-identical to the vendored one: nothing to do.");
      return 0;
    }
    console.log(result.report);
    console.log(
      result.changesetFile
        ? `Wrote spec/statsig_openapi.json, spec/SOURCE.md, the generated folders of types, drift, mock-server and contract-tests, and ${result.changesetFile}`
        : "No change in the API: spec/statsig_openapi.json, spec/SOURCE.md and the generated files were updated, and no changeset was written.",
    );
    return 0;
  }
  if (command === "diff" && args.length === 2) {
    const changes = await diffSpecFiles(layout, args[0] as string, args[1] as string, { timeoutMs });
    if (values.json) console.log(JSON.stringify({ level: overallLevel(changes) ?? "none", changes }, null, 2));
    else console.log(renderMarkdown(changes));
    return 0;
  }
  console.error(USAGE);
  return 2;
}

runCli("spec", USAGE, main);
