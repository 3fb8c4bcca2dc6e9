import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultSpecPath } from "../dist/index.js";

type Json = Record<string, unknown>;

/**
 * The overlaid spec cut down to some paths and the components they reference, written to a file. Prism parses the
 * whole 2 MB spec on every start; tests about the process (signals, ports, the CLI) start it in a fraction of the
 * time on a few paths, which matters on a loaded 2-core machine.
 */
export function specSubset(paths: readonly string[]): string {
  const spec = JSON.parse(readFileSync(defaultSpecPath(), "utf8")) as Json & { paths: Json; components: Json };
  const kept: Json = {};
  for (const path of paths) {
    if (!(path in spec.paths)) throw new Error(`specSubset: the spec has no ${path}`);
    kept[path] = spec.paths[path];
  }
  const components: Record<string, Json> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) {
        const [, , kind, name] = value.split("/") as [string, string, string, string];
        const group = components[kind] ?? {};
        components[kind] = group;
        if (name in group) continue;
        group[name] = (spec.components[kind] as Json)[name];
        visit(group[name]);
      } else visit(value);
    }
  };
  visit(kept);
  const securitySchemes = (spec.components as { securitySchemes?: Json }).securitySchemes;
  const subset = {
    ...spec,
    paths: kept,
    components: { ...components, ...(securitySchemes ? { securitySchemes } : {}) },
  };
  const file = join(mkdtempSync(join(tmpdir(), "mock-spec-")), "subset.json");
  writeFileSync(file, JSON.stringify(subset));
  return file;
}

/** The gates collection and item: what the process tests ask of the mock. */
export const GATE_PATHS = ["/console/v1/gates", "/console/v1/gates/{id}"] as const;
