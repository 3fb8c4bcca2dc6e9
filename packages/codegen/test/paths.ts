import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const specFile = `${repoRoot}spec/statsig_openapi.json`;
export const overlaysDir = `${repoRoot}spec/overlays`;
export const generatedDir = `${repoRoot}packages/types/src/generated`;
export const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
