#!/usr/bin/env node
import { parseArgs } from "node:util";
import { createProgress } from "./progress.js";
import { DriftUsageError, runDrift } from "./run-drift.js";

const USAGE = `usage: statsig-console-drift --out DIR [--base-url URL] [--max-items N] [--max-pages N]
       [--operations PATH,...] [--concurrency N] [--baseline drift-report.json]
The Console API key is read from STATSIG_CONSOLE_API_KEY (a read-only key is enough).
Exit codes: 0 no new drift, 1 new drift, 2 could not run.`;

async function main(argv: string[]): Promise<number> {
  const apiKey = process.env.STATSIG_CONSOLE_API_KEY ?? "";
  // A key pasted as an argument by mistake is never echoed back.
  const safe = (text: string) =>
    (apiKey.length >= 8 ? text.replaceAll(apiKey, "[redacted]") : text).replace(
      /console-[A-Za-z0-9]+/g,
      "console-[redacted]",
    );
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    return usage(safe((error as Error).message));
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (apiKey.trim() === "") return usage("STATSIG_CONSOLE_API_KEY is not set");
  const empty = Object.entries(values).find(([, value]) => value === "");
  if (empty) return usage(`--${empty[0]} needs a value`);
  if (!values.out) return usage("--out DIR is required");
  const progress = createProgress(process.stderr);
  try {
    const result = await runDrift({
      apiKey,
      outDir: values.out,
      ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
      ...(values["max-items"] ? { maxItems: integer(values["max-items"], "--max-items") } : {}),
      ...(values["max-pages"] ? { maxPages: integer(values["max-pages"], "--max-pages") } : {}),
      ...(values.concurrency ? { concurrency: integer(values.concurrency, "--concurrency") } : {}),
      ...(values.operations ? { operations: values.operations.split(",") } : {}),
      ...(values.baseline ? { baselineFile: values.baseline } : {}),
      onProgress: progress.update,
    });
    progress.done(result);
    if (result.exitCode === 2) console.error(`statsig-console-drift: ${safe(result.reason ?? "")}`);
    return result.exitCode;
  } catch (error) {
    progress.clear();
    if (error instanceof DriftUsageError) return usage(safe(error.message));
    // Errors of the client never hold the key; anything else is reported by its message alone.
    console.error(`statsig-console-drift: ${safe((error as Error).message ?? String(error))}`);
    return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: "string" },
      "base-url": { type: "string" },
      "max-items": { type: "string" },
      "max-pages": { type: "string" },
      operations: { type: "string" },
      concurrency: { type: "string" },
      baseline: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function integer(text: string, name: string): number {
  if (!/^\d+$/.test(text)) throw new DriftUsageError(`${name} must be a whole number >= 1`);
  return Number(text);
}

function usage(why: string): number {
  console.error(`statsig-console-drift: ${why}\n${USAGE}`);
  return 2;
}

// Exit 1 means "new drift" to the workflow: anything unexpected must not look like it.
process.on("uncaughtException", (error) => {
  console.error(`statsig-console-drift: unexpected error: ${error.message}`);
  process.exit(2);
});
process.on("unhandledRejection", (reason) => {
  console.error(`statsig-console-drift: unexpected error: ${(reason as Error)?.message ?? String(reason)}`);
  process.exit(2);
});
process.exitCode = await main(process.argv.slice(2));
