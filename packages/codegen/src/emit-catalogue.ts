import type { OperationEntry } from "./catalogue.js";
import { unionOf } from "./ts-text.js";

/** The runtime catalogue: one frozen literal table, plus path unions derived from it. */
export function emitCatalogue(entries: OperationEntry[]): string {
  const rows = entries.map((e) => `  ${JSON.stringify(e)},`).join("\n");
  return `import type { OperationInfo } from "../operation-info.js";

// Typed as OperationInfo[], not \`as const\`: the literal type of every row would cost each consumer's type-check.
export const operationCatalogue: readonly OperationInfo[] = [
${rows}
];

/** Every operation name (written out: deriving it from the table costs every consumer's type-checker). */
export type OperationName =
${unionOf(entries.map((e) => e.name))};
/** Paths of GET operations that \`paginate\` can walk. */
export type PaginatedPath =
${unionOf(entries.filter((e) => e.paginated && e.method === "GET").map((e) => e.path))};
`;
}
