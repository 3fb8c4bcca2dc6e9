#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./generate.js";
import { runCli } from "./run-cli.js";

// Defaults are the repository's own layout, relative to this package (packages/codegen/dist).
const root = fileURLToPath(new URL("../../../", import.meta.url));

const defaultOut = `${root}packages/types/src/generated`;

const USAGE = `usage: statsig-codegen [--check] [--spec FILE] [--overlays DIR] [--out DIR] [--drift-out DIR] [--mock-out DIR] [--contract-out DIR]
(\`pnpm generate\` runs it on the repository's own layout.) Applies the overlays to the spec, validates it and writes the generated code (atomically; nothing on failure).
--check writes nothing and exits 1 when the committed output differs from what would be written.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      spec: { type: "string", default: `${root}spec/statsig_openapi.json` },
      overlays: { type: "string", default: `${root}spec/overlays` },
      out: { type: "string", default: defaultOut },
      // Default: the drift package's folder, when --out is the types package's (a scratch --out writes only there).
      "drift-out": { type: "string" },
      "mock-out": { type: "string" },
      "contract-out": { type: "string" },
      check: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const result = await generate({
    specFile: values.spec,
    overlaysDir: values.overlays,
    outDir: values.out,
    ...(values["drift-out"] || values.out === defaultOut
      ? { driftOutDir: values["drift-out"] ?? `${root}packages/drift/src/generated` }
      : {}),
    ...(values["mock-out"] || values.out === defaultOut
      ? { mockOutDir: values["mock-out"] ?? `${root}packages/mock-server/src/generated` }
      : {}),
    ...(values["contract-out"] || values.out === defaultOut
      ? { contractOutDir: values["contract-out"] ?? `${root}packages/contract-tests/src/generated` }
      : {}),
    check: values.check,
  });
  if (values.check) {
    if (result.changed.length > 0) {
      console.error(
        `generated output is stale: ${result.changed.join(", ")} differ from what \`pnpm generate\` writes`,
      );
      return 1;
    }
    console.log(`generated output is up to date (${result.operations} operations)`);
    return 0;
  }
  const touched = result.changed.length > 0 ? `wrote ${result.changed.join(", ")}` : "no changes";
  console.log(`${result.operations} operations, ${result.applied.length} overlay actions applied: ${touched}`);
  return 0;
}

runCli("statsig-codegen", USAGE, main);
