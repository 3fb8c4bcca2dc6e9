import { isObject, operations } from "./openapi-doc.js";

export interface SourceRecord {
  source: string;
  sha256: string;
  /** How the stored bytes relate to what was downloaded. */
  format: "json" | "yaml-converted";
  date: string;
  spec: Record<string, unknown>;
}

/** spec/SOURCE.md, rewritten by `pnpm spec:update` so the record always names the file's sha256. */
export function renderSourceMd(record: SourceRecord): string {
  const { spec } = record;
  const info = isObject(spec.info) ? spec.info : {};
  const paths = isObject(spec.paths) ? spec.paths : {};
  const all = [...operations(spec)].map((at) => at.operation);
  const withIds = all.filter((op) => typeof op.operationId === "string").length;
  const schemas =
    isObject(spec.components) && isObject(spec.components.schemas) ? Object.keys(spec.components.schemas).length : 0;
  const format =
    record.format === "json"
      ? "JSON, stored as the upstream bytes"
      : "YAML upstream, stored as JSON converted by `pnpm spec:update` (same data; YAML comments and key styles are not kept)";
  return `# Where \`statsig_openapi.json\` comes from

\`spec/statsig_openapi.json\` is the Statsig Console API OpenAPI document, vendored by \`pnpm spec:update\`. Never
edit it: defects are fixed by the overlays in \`spec/overlays/\` (applied by \`pnpm generate\`), and new upstream
releases arrive through \`pnpm spec:update <file-or-url>\`, which rewrites this file and this record.

| field | value |
| --- | --- |
| file | \`spec/statsig_openapi.json\` |
| format | ${format} |
| sha256 | \`${record.sha256}\` |
| OpenAPI | ${String(spec.openapi)}, info.version \`${String(info.version)}\`, ${Object.keys(paths).length} paths, ${all.length} operations, ${schemas} schemas, ${withIds === 0 ? "no" : withIds} operationIds |
| source | ${record.source} |
| vendored on | ${record.date} |

A test (\`packages/codegen/test/spec-source.test.ts\`) fails when the file's sha256 is not the one above,
so the file cannot change without this record changing with it.
`;
}
