// Pieces of generated TypeScript source that several emitters write the same way.

/**
 * A JSDoc block from the non-empty parts (nothing when all are empty), for editors' hovers on the named aliases.
 * (Docs on the operation index would not reach a call site: TypeScript shows none for a path literal argument.)
 */
export function docComment(indent: string, parts: (string | undefined)[]): string[] {
  const text = parts.filter((p): p is string => Boolean(p?.trim())).map((p) => p.replaceAll("*/", "*\\/"));
  if (text.length === 0) return [];
  const body = text.flatMap((part, i) => [...(i > 0 ? [""] : []), ...part.split("\n")]);
  return [`${indent}/**`, ...body.map((line) => `${indent} *${line ? ` ${line.trimEnd()}` : ""}`), `${indent} */`];
}

/** The first paragraph of a description: enough for a hover, without the spec's long prose. */
export function firstParagraph(description: unknown): string | undefined {
  if (typeof description !== "string") return undefined;
  return (
    description
      .trim()
      .split(/\n\s*\n/)[0]
      ?.trim() || undefined
  );
}

export function unionOf(values: string[]): string {
  return [...new Set(values)].map((v) => `  | ${JSON.stringify(v)}`).join("\n");
}
