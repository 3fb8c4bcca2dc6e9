import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { assignOperationIds, buildCatalogue, type OperationEntry } from "./catalogue.js";
import type { Provenance } from "./emit-header.js";
import { CodegenError } from "./errors.js";
import { type ExampleDefect, findExampleDefects, renderExampleDefects } from "./example-defects.js";
import { type AppliedAction, applyOverlay, assertOverlay } from "./overlay.js";
import { parseDocument } from "./parse-document.js";
import { checkDocument, validateSpec } from "./validate-spec.js";
import { diffFolder, writeFolderAtomically } from "./write-output.js";

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
}

export interface OverlaidSpec {
  spec: Record<string, unknown>;
  provenance: Provenance;
  applied: AppliedAction[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Reads the vendored spec and applies every `*.yaml` overlay in file-name order, then validates. */
export async function loadOverlaidSpec(inputs: Inputs): Promise<OverlaidSpec> {
  const { specFile, overlaysDir, skipAction, onStale = "error" } = inputs;
  const label = inputs.label ?? basename(specFile);
  const specText = inputs.specText ?? (await readText(specFile));
  const spec = parseDocument(specText, label) as Record<string, unknown>;
  // The published document must be OpenAPI with paths; everything else is checked once the overlays (which exist
  // to fix the upstream defects) are applied.
  checkDocument(spec, `${label} (as published)`);
  const overlayFiles = (await readOverlayFolder(overlaysDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const applied: AppliedAction[] = [];
  const overlays: Provenance["overlays"] = [];
  for (const file of overlayFiles) {
    const text = await readText(join(overlaysDir, file));
    const overlay = parseDocument(text, file);
    assertOverlay(overlay, file);
    if (skipAction) overlay.actions = overlay.actions.filter((_, index) => !skipAction(file, index));
    applied.push(...applyOverlay(spec, overlay, file, { onStale }));
    overlays.push({ file, sha256: sha256(text) });
  }
  await validateSpec(spec, `${label} after overlays`);
  assignOperationIds(spec);
  return { spec, applied, provenance: { specFile: basename(specFile), specSha256: sha256(specText), overlays } };
}

/** Everything the types package's `generated/` folder holds, by file name, and the drift, mock and contract ones. */
export async function renderGenerated(overlaid: OverlaidSpec): Promise<{
  files: Map<string, string>;
  driftFiles: Map<string, string>;
  mockFiles: Map<string, string>;
  contractFiles: Map<string, string>;
  catalogue: OperationEntry[];
  exampleDefects: ExampleDefect[];
}> {
  // Loaded here, not at start-up: openapi-typescript brings TypeScript (~1 s), which a bad input never needs.
  const { emitOpenapiTypes } = await import("./emit-openapi-types.js");
  const { emitOperationIndex } = await import("./emit-operation-index.js");
  const { emitSchemaAliases } = await import("./emit-schema-aliases.js");
  const { emitCatalogue } = await import("./emit-catalogue.js");
  const { header } = await import("./emit-header.js");
  const { emitDriftFiles } = await import("./emit-drift.js");
  const { emitMockFiles } = await import("./emit-mock.js");
  const { emitContractCalls } = await import("./emit-contract-calls.js");
  const banner = header(overlaid.provenance);
  const catalogue = buildCatalogue(overlaid.spec);
  const exampleDefects = findExampleDefects(overlaid.spec);
  const types = await emitOpenapiTypes(overlaid.spec);
  const files = new Map<string, string>([
    ["known-example-defects.md", renderExampleDefects(exampleDefects, banner)],
    ["components.ts", banner + types.components],
    [
      "openapi.ts",
      `${banner}import type { components } from "./components.js";\n\nexport type { components };\n\n${types.pathsAndOperations}`,
    ],
    ["schemas.ts", banner + emitSchemaAliases(overlaid.spec)],
    ["catalogue.ts", banner + emitCatalogue(catalogue)],
    ["operation-index.ts", banner + emitOperationIndex(overlaid.spec, catalogue, types.operations)],
  ]);
  // The overlaid spec itself, for Prism (the mock package ships it as `@org/statsig-console-mock/openapi.json`, for
  // consumers' own mocks too); JSON has no comments, so the do-not-edit notice is an extension field.
  const mockFiles = emitMockFiles(overlaid.spec, catalogue, banner, exampleDefects);
  mockFiles.set(
    "openapi.json",
    `${JSON.stringify({ "x-generated": banner.trim().split("\n").join(" | "), ...overlaid.spec }, null, 2)}\n`,
  );
  return {
    files,
    driftFiles: emitDriftFiles(overlaid.spec, catalogue, banner),
    mockFiles,
    contractFiles: emitContractCalls(overlaid.spec, catalogue, banner),
    catalogue,
    exampleDefects,
  };
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
  const { files, driftFiles, mockFiles, contractFiles, catalogue } = await renderGenerated(overlaid);
  const folders: [string, Map<string, string>, string][] = [[options.outDir, files, ""]];
  if (options.driftOutDir) folders.push([options.driftOutDir, driftFiles, "drift/"]);
  if (options.mockOutDir) folders.push([options.mockOutDir, mockFiles, "mock/"]);
  if (options.contractOutDir) folders.push([options.contractOutDir, contractFiles, "contract-tests/"]);
  const changed: string[] = [];
  for (const [folder, content, label] of folders) {
    const differing = await diffFolder(folder, content);
    changed.push(...differing.map((name) => label + name));
    if (!options.check && differing.length > 0) await writeFolderAtomically(folder, content);
  }
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
