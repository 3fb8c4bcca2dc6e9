import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { assignOperationIds, buildCatalogue, type OperationEntry } from "./catalogue.js";
import type { Provenance } from "./emit-header.js";
import { CodegenError } from "./errors.js";
import { type ExampleDefect, findExampleDefects, renderExampleDefects } from "./example-defects.js";
import { type AppliedAction, applyOverlay, assertOverlay, type Overlay } from "./overlay.js";
import { parseDocument } from "./parse-document.js";
import { checkDocument, validateSpec } from "./validate-spec.js";
import { diffFolder, writeFoldersAtomically } from "./write-output.js";

export interface Inputs {
  specFile: string;
  overlaysDir: string;
  /** The spec's text, when it is not (yet) the file at `specFile`. */
  specText?: string;
  /** What errors call the spec (default: the file's name); spec:update passes the file or URL the user gave. */
  label?: string;
  /** Leaves out matching overlay actions (tests use it to show what each action fixes). */
  skipAction?: (file: string, index: number) => boolean;
  /** A stale overlay action is an error (default), or is skipped: diffing an older spec needs that. */
  onStale?: "error" | "skip";
  /**
   * The document as it stood before each overlay file, kept across loads of one spec and one overlays folder that
   * differ only in the actions they skip. The overlay probes load one variant per action: each starts from the
   * copy before its action's file instead of applying every earlier file again (their recursive JSONPath
   * queries over the whole document are most of a load's cost).
   */
  checkpoints?: OverlayCheckpoints;
}

/** What `Inputs.checkpoints` holds; start with an empty map. */
export type OverlayCheckpoints = Map<string, { spec: Record<string, unknown>; applied: AppliedAction[] }>;

export interface OverlaidSpec {
  spec: Record<string, unknown>;
  provenance: Provenance;
  applied: AppliedAction[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Reads the vendored spec and applies every `*.yaml` overlay in file-name order, then validates. */
export async function loadOverlaidSpec(inputs: Inputs): Promise<OverlaidSpec> {
  const { specFile, overlaysDir, skipAction, checkpoints, onStale = "error" } = inputs;
  const label = inputs.label ?? basename(specFile);
  const specText = inputs.specText ?? (await readText(specFile));
  const files: { file: string; sha256: string; overlay: Overlay; key: string; skips: boolean }[] = [];
  // A checkpoint's key names everything that made it: the spec, the stale-action mode, each earlier overlay's text.
  const specSha256 = sha256(specText);
  let key = `${specSha256} ${onStale}`;
  for (const file of (await readOverlayFolder(overlaysDir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = await readText(join(overlaysDir, file));
    const overlay = parseDocument(text, file);
    assertOverlay(overlay, file);
    const kept = skipAction ? overlay.actions.filter((_, index) => !skipAction(file, index)) : overlay.actions;
    const overlaySha256 = sha256(text);
    files.push({
      file,
      sha256: overlaySha256,
      overlay: { ...overlay, actions: kept },
      key,
      skips: kept.length < overlay.actions.length,
    });
    key = sha256(`${key} ${overlaySha256}`);
  }
  // Until the first file that skips an action, every file applies as it always does: a checkpoint from that stretch
  // stands in for the work up to it.
  const firstSkipping = files.findIndex((f) => f.skips);
  const lastShared = firstSkipping === -1 ? files.length - 1 : firstSkipping;
  const resumeAt = checkpoints
    ? files
        .slice(0, lastShared + 1)
        .map((f) => checkpoints.has(f.key))
        .lastIndexOf(true)
    : -1;
  const saved = checkpoints?.get(files[resumeAt]?.key ?? "");
  let spec: Record<string, unknown>;
  const applied: AppliedAction[] = [];
  if (saved) {
    spec = structuredClone(saved.spec);
    applied.push(...saved.applied);
  } else {
    spec = parseDocument(specText, label) as Record<string, unknown>;
    // The published document must be OpenAPI with paths; everything else is checked once the overlays (which
    // exist to fix the upstream defects) are applied.
    checkDocument(spec, `${label} (as published)`);
  }
  for (const [index, { file, overlay, key: before }] of files.entries()) {
    if (index < resumeAt) continue;
    if (checkpoints && index <= lastShared && !checkpoints.has(before)) {
      checkpoints.set(before, { spec: structuredClone(spec), applied: [...applied] });
    }
    applied.push(...applyOverlay(spec, overlay, file, { onStale }));
  }
  await validateSpec(spec, `${label} after overlays`);
  assignOperationIds(spec, `${label} after overlays`);
  const overlays = files.map(({ file, sha256 }) => ({ file, sha256 }));
  return { spec, applied, provenance: { specFile: basename(specFile), specSha256, overlays } };
}

/** The generated folders: the types package's, and the drift, mock and contract-tests packages'. */
export const OUTPUTS = ["types", "drift", "mock", "contract"] as const;
export type Output = (typeof OUTPUTS)[number];

/** What each asked-for generated folder holds, by file name (one not asked for is not rendered: it costs seconds). */
export async function renderGenerated<O extends Output = Output>(
  overlaid: OverlaidSpec,
  outputs: readonly O[],
): Promise<{ folders: Record<O, Map<string, string>>; catalogue: OperationEntry[]; exampleDefects: ExampleDefect[] }> {
  const { header } = await import("./emit-header.js");
  const banner = header(overlaid.provenance);
  const catalogue = buildCatalogue(overlaid.spec);
  const exampleDefects = findExampleDefects(overlaid.spec);
  const render: Record<Output, () => Promise<Map<string, string>>> = {
    types: () => renderTypes(overlaid.spec, catalogue, exampleDefects, banner),
    drift: async () => (await import("./emit-drift.js")).emitDriftFiles(overlaid.spec, catalogue, banner),
    mock: async () => {
      const files = (await import("./emit-mock.js")).emitMockFiles(overlaid.spec, catalogue, banner, exampleDefects);
      // The overlaid spec itself, for Prism (the mock ships it as `@org/statsig-console-mock/openapi.json`, for
      // consumers' own mocks too); JSON has no comments, so the do-not-edit notice is an extension field.
      const notice = banner.trim().split("\n").join(" | ");
      files.set("openapi.json", `${JSON.stringify({ "x-generated": notice, ...overlaid.spec }, null, 2)}\n`);
      return files;
    },
    contract: async () =>
      (await import("./emit-contract-calls.js")).emitContractCalls(overlaid.spec, catalogue, banner),
  };
  const folders = {} as Record<O, Map<string, string>>; // filled below, one entry per asked-for output
  for (const output of outputs) folders[output] = await render[output]();
  return { folders, catalogue, exampleDefects };
}

async function renderTypes(
  spec: Record<string, unknown>,
  catalogue: OperationEntry[],
  exampleDefects: ExampleDefect[],
  banner: string,
): Promise<Map<string, string>> {
  // Loaded here, not at start-up: openapi-typescript brings TypeScript (~1 s), which a bad input never needs.
  const { emitOpenapiTypes } = await import("./emit-openapi-types.js");
  const { emitOperationIndex } = await import("./emit-operation-index.js");
  const { emitSchemaAliases } = await import("./emit-schema-aliases.js");
  const { emitCatalogue } = await import("./emit-catalogue.js");
  const types = await emitOpenapiTypes(spec);
  return new Map<string, string>([
    ["known-example-defects.md", renderExampleDefects(exampleDefects, banner)],
    ["components.ts", banner + types.components],
    [
      "openapi.ts",
      `${banner}import type { components } from "./components.js";\n\nexport type { components };\n\n${types.pathsAndOperations}`,
    ],
    ["schemas.ts", banner + emitSchemaAliases(spec)],
    ["catalogue.ts", banner + emitCatalogue(catalogue)],
    ["operation-index.ts", banner + emitOperationIndex(spec, catalogue, types.operations)],
  ]);
}

export interface GenerateOptions extends Inputs {
  outDir: string;
  /** The drift package's `generated/` folder; left alone when not given. */
  driftOutDir?: string;
  /** The mock package's `generated/` folder (families, coverage); left alone when not given. */
  mockOutDir?: string;
  /** The contract suite's `generated/` folder (one typed call per operation); left alone when not given. */
  contractOutDir?: string;
  /** Compare instead of writing; `changed` lists the files that differ. */
  check?: boolean;
}

export interface GenerateResult {
  changed: string[];
  operations: number;
  applied: AppliedAction[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const overlaid = await loadOverlaidSpec(options);
  const targets: [Output, string | undefined, string][] = [
    ["types", options.outDir, ""],
    ["drift", options.driftOutDir, "drift/"],
    ["mock", options.mockOutDir, "mock/"],
    ["contract", options.contractOutDir, "contract-tests/"],
  ];
  const wanted = targets.filter((t): t is [Output, string, string] => t[1] !== undefined);
  const { folders, catalogue } = await renderGenerated(
    overlaid,
    wanted.map(([output]) => output),
  );
  const changed: string[] = [];
  const writes: [string, Map<string, string>][] = [];
  for (const [output, folder, label] of wanted) {
    const content = folders[output];
    const differing = await diffFolder(folder, content);
    changed.push(...differing.map((name) => label + name));
    if (differing.length > 0) writes.push([folder, content]);
  }
  // All or none, so that the packages never hold output of two specs.
  if (!options.check) await writeFoldersAtomically(writes);
  return { changed, operations: catalogue.length, applied: overlaid.applied };
}

/** A missing overlays folder is an error: generating without the fixes would silently ship the spec's defects. */
async function readOverlayFolder(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CodegenError(`cannot read the overlays folder ${dir}${code ? ` (${code})` : ""}`);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CodegenError(`cannot read ${file}${code ? ` (${code})` : ""}`);
  }
}
