import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { repoLayout } from "../src/index.js";
import { HTTP_METHODS } from "../src/openapi-doc.js";
import { repoRoot, specFile } from "./paths.js";

// What the spec:update suites share: a scratch folder (removed after the file), scratch repositories in it.
// biome-ignore lint/suspicious/noExplicitAny: the tests walk spec JSON
export type Json = Record<string, any>;
export const scratch = mkdtempSync(join(tmpdir(), "spec-update-"));
// The vendored release, as a file outside the scratch repository (as a download would be).
export const specCurrent = join(scratch, "statsig_openapi.json");
cpSync(specFile, specCurrent);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch copy of the parts of the repository that spec:update reads and writes. */
export function scratchRepo(name: string) {
  const root = join(scratch, name);
  cpSync(join(repoRoot, "spec"), join(root, "spec"), { recursive: true });
  cpSync(join(repoRoot, "packages/types/src/generated"), join(root, "packages/types/src/generated"), {
    recursive: true,
  });
  mkdirSync(join(root, ".changeset"), { recursive: true });
  return { root, layout: repoLayout(root) };
}

export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    if (entry.isFile()) out[file.slice(dir.length)] = readFileSync(file, "utf8");
  }
  return out;
}
export const changesets = (root: string) => readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md"));
export const operationsOf = (doc: Json) =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => (item as Json)[m]).map((m) => `${m.toUpperCase()} ${path}`),
  );
export const vendored = () => JSON.parse(readFileSync(specFile, "utf8")) as Json;
/** Some GET operation of whatever spec is vendored (tests must not depend on one release's paths). */
export const someGet = (doc: Json) => {
  const [path, item] = Object.entries(doc.paths as Json).find(([, i]) => (i as Json).get) as [string, Json];
  return { path, operation: item.get as Json };
};
