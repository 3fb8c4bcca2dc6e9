#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./generate.js";
import { runCli } from "./run-cli.js";

// Defaults are the repository's own layout, relative to this package (packages/codegen/dist).
const root = fileURLToPath(new URL("../../../", import.meta.url));

const defaultOut = `${root}packages/types/src/generated`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      spec: { type: "string", default: `${root}spec/statsig_openapi.json` },
      overlays: { type: "string", default: `${root}spec/overlays` },
      out: { type: "string", default: defaultOut },
      // Default: the drift package's folder, when --out is the types package's (a scratch --out writes only there).
      "drift-out": { type: "string" },
      "mock-out": { type: "string" },
      check: { type: "boolean", default: false },
    },
  });
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

runCli("statsig-codegen", main);
