import { docComment, firstParagraph } from "./ts-text.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A named alias per component schema, so users write `GateCreateDto`, not a lookup chain. */
export function emitSchemaAliases(spec: Record<string, unknown>): string {
  const components = (spec.components ?? {}) as { schemas?: Record<string, unknown> };
  const lines = ['import type { components } from "./components.js";', ""];
  for (const name of Object.keys(components.schemas ?? {})) {
    const alias = IDENTIFIER.test(name) ? name : name.replace(/[^A-Za-z0-9_$]/g, "_");
    const schema = components.schemas?.[name] as { description?: unknown } | undefined;
    lines.push(...docComment("", [firstParagraph(schema?.description)]));
    lines.push(`export type ${alias} = components["schemas"][${JSON.stringify(name)}];`);
  }
  return `${lines.join("\n")}\n`;
}
