import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Change } from "./diff/change.js";
import { diffSpecs } from "./diff/diff-specs.js";
import { renderChangeset, renderMarkdown } from "./diff/report.js";
import { CodegenError } from "./errors.js";
import { type ExampleDefect, findExampleDefects, newExampleDefects } from "./example-defects.js";
import { loadOverlaidSpec, OUTPUTS, renderGenerated } from "./generate.js";
import { parseDocument } from "./parse-document.js";
import { renderSourceMd } from "./spec-source.js";
import { writeFoldersAtomically } from "./write-output.js";

/** The packages whose published surface follows the spec: the types, the client typed by them, the mock serving it. */
export const SPEC_PACKAGES = [
  "@org/statsig-console-types",
  "@org/statsig-console-client",
  "@org/statsig-console-mock",
  "@org/statsig-console-drift",
];

export interface RepoLayout {
  root: string;
  specFile: string;
  sourceFile: string;
  overlaysDir: string;
  generatedDir: string;
  /** The drift package's generated validators, schemas and walk. */
  driftGeneratedDir: string;
  /** The mock package's generated families and coverage table. */
  mockGeneratedDir: string;
  /** The contract suite's typed calls, one per operation. */
  contractGeneratedDir: string;
  changesetDir: string;
}

export function repoLayout(root: string): RepoLayout {
  return {
    root,
    specFile: join(root, "spec/statsig_openapi.json"),
    sourceFile: join(root, "spec/SOURCE.md"),
    overlaysDir: join(root, "spec/overlays"),
    generatedDir: join(root, "packages/types/src/generated"),
    driftGeneratedDir: join(root, "packages/drift/src/generated"),
    mockGeneratedDir: join(root, "packages/mock-server/src/generated"),
    contractGeneratedDir: join(root, "packages/contract-tests/src/generated"),
    changesetDir: join(root, ".changeset"),
  };
}

/** How long a download may take, headers and body together, before spec:update gives up. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;

export interface ReadOptions {
  /** Default {@link DEFAULT_DOWNLOAD_TIMEOUT_MS}; `--timeout-ms` on the command line. */
  timeoutMs?: number;
}

/** Reads a spec from a file or an http(s) URL; YAML becomes JSON (the vendored file is JSON). */
export async function readSpecInput(
  input: string,
  options: ReadOptions = {},
): Promise<{ bytes: string; format: "json" | "yaml-converted"; doc: unknown }> {
  const text = /^https?:\/\//.test(input)
    ? await download(input, options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS)
    : await readFile(input, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new CodegenError(`cannot read ${input}${error.code ? ` (${error.code})` : ""}`);
      });
  const doc = parseDocument(text, input);
  const isJson = /^\s*[{[]/.test(text);
  return {
    doc,
    format: isJson ? "json" : "yaml-converted",
    bytes: isJson ? text : `${JSON.stringify(doc, null, 2)}\n`,
  };
}

async function download(url: string, timeoutMs: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  const fail = (why: string) => new CodegenError(`cannot download ${url}: ${why}`);
  const reason = (error: unknown) =>
    signal.aborted ? `no complete answer within ${timeoutMs} ms` : ((error as Error).message ?? String(error));
  try {
    const response = await fetch(url, { signal, redirect: "follow" });
    if (!response.ok) throw fail(`HTTP ${response.status}`);
    return await response.text();
  } catch (error) {
    if (error instanceof CodegenError) throw error;
    throw fail(reason(error));
  }
}

export interface UpdateResult {
  changed: boolean;
  /** Overlay actions that matched nothing and were skipped (only with `allowStaleOverlays`). */
  staleActions: string[];
  changes: Change[];
  report: string;
  changesetFile: string | undefined;
}

/**
 * `pnpm spec:update`: everything is computed in memory first (the new spec must take every overlay,
 * validate and generate), so a bad spec or a stale overlay stops it with the repository untouched.
 * Then the spec, SOURCE.md, the generated types and a changeset are written.
 */
export async function updateSpec(
  layout: RepoLayout,
  input: string,
  options: { date?: string; allowStaleOverlays?: boolean } & ReadOptions = {},
): Promise<UpdateResult> {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const { bytes, format } = await readSpecInput(input, options);
  const oldBytes = await readFile(layout.specFile, "utf8");
  const next = await loadOverlaidSpec({
    specFile: layout.specFile,
    specText: bytes,
    label: input,
    overlaysDir: layout.overlaysDir,
    onStale: options.allowStaleOverlays ? "skip" : "error",
  });
  const staleActions = next.applied.filter((a) => a.matches === 0).map((a) => `${a.file} action #${a.index + 1}`);
  const previous = await loadOverlaidSpec({
    specFile: layout.specFile,
    overlaysDir: layout.overlaysDir,
    onStale: "skip",
  });
  const changes = diffSpecs(previous.spec, next.spec);
  if (bytes === oldBytes) {
    const report = renderMarkdown(changes, "Statsig Console API changes");
    return { changed: false, staleActions, changes, report, changesetFile: undefined };
  }

  const { folders, exampleDefects } = await renderGenerated(next, OUTPUTS);
  const defectNote = renderNewDefects(newExampleDefects(findExampleDefects(previous.spec), exampleDefects));
  const report = renderMarkdown(changes, "Statsig Console API changes") + defectNote;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const source = renderSourceMd({ source: input, sha256, format, date, spec: JSON.parse(bytes) });
  const oldSource = await readFile(layout.sourceFile, "utf8");
  try {
    await writeFileAtomically(layout.specFile, bytes);
    await writeFileAtomically(layout.sourceFile, source);
    // All four or none: a folder that cannot be written leaves every generated folder from the old spec.
    await writeFoldersAtomically([
      [layout.generatedDir, folders.types],
      [layout.driftGeneratedDir, folders.drift],
      [layout.mockGeneratedDir, folders.mock],
      [layout.contractGeneratedDir, folders.contract],
    ]);
  } catch (error) {
    await writeFileAtomically(layout.specFile, oldBytes);
    await writeFileAtomically(layout.sourceFile, oldSource);
    throw error;
  }
  const changeset = renderChangeset(
    changes,
    SPEC_PACKAGES,
    `Statsig Console API spec updated (sha256 ${sha256.slice(0, 12)}).`,
  )?.concat(defectNote);
  let changesetFile: string | undefined;
  if (changeset) {
    changesetFile = join(layout.changesetDir, `spec-update-${sha256.slice(0, 8)}.md`);
    await writeFileAtomically(changesetFile, changeset);
  }
  return { changed: true, staleActions, changes, report, changesetFile };
}

function renderNewDefects(defects: ExampleDefect[]): string {
  if (defects.length === 0) return "";
  const lines = defects.map((d) => `- ${d.operation} ${d.status} \`${d.example}\`: ${d.cause}`);
  return `\nNew response examples that fail their own schema (listed in packages/types/src/generated/known-example-defects.md):\n\n${lines.join("\n")}\n`;
}

/** `pnpm spec:diff`: both specs get the overlays; actions that no longer match an older spec are skipped. */
export async function diffSpecFiles(layout: RepoLayout, oldInput: string, newInput: string, options: ReadOptions = {}) {
  const load = async (input: string) => {
    const { bytes } = await readSpecInput(input, options);
    return loadOverlaidSpec({
      specFile: input,
      specText: bytes,
      label: input,
      overlaysDir: layout.overlaysDir,
      onStale: "skip",
    });
  };
  const [before, after] = await Promise.all([load(oldInput), load(newInput)]);
  return diffSpecs(before.spec, after.spec);
}

async function writeFileAtomically(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, content);
  await rename(temp, file);
}
