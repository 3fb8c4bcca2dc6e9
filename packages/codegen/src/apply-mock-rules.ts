import type { OperationEntry } from "./catalogue.js";
import {
  type ActionRule,
  type CoverageRow,
  type Family,
  type FamilyRules,
  markServed,
  tableCell,
} from "./mock-families.js";
import type { MockRule } from "./mock-rules.js";
import { bodyShape, propertiesOf, successSchema } from "./mock-schemas.js";
import { type Json, operationAt, resolve } from "./openapi-doc.js";

type Row = Pick<OperationEntry, "method" | "path" | "successStatus">;

/** Where one rule applies: the families it fits, and the operations it serves (actions). */
export interface RuleUse {
  rule: MockRule;
  families: string[];
  operations: string[];
}

/**
 * Resolves the rules table against the spec: each rule goes to the families it fits, and only with the fields the
 * family's entity has and whose schema takes the value. An action also needs its `{item}/{action}` operation in the
 * spec. The coverage rows of the actions served become stateful.
 */
export function applyMockRules(
  spec: Json,
  catalogue: readonly Row[],
  families: readonly Family[],
  coverage: readonly CoverageRow[],
  rules: readonly MockRule[],
): { families: Family[]; coverage: CoverageRow[]; uses: RuleUse[] } {
  const uses: RuleUse[] = rules.map((rule) => ({ rule, families: [], operations: [] }));
  const served = new Map<string, string>();
  const out = families.map((family) => {
    const fields = fieldSchemas(spec, family);
    const fitting = (values: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(values).filter(([key, value]) => takes(spec, fields[key], value)));
    const resolved: FamilyRules = {};
    for (const use of uses) {
      const { rule } = use;
      if (rule.families && !rule.families.includes(family.name)) continue;
      const effect = rule.effect;
      let applies = false;
      if (effect.kind === "id-from-name") {
        applies = family.param === "id" && "name" in fields;
        if (applies) resolved.idFromName = true;
      } else if (effect.kind === "taken-name") {
        applies = true;
        resolved.takenName = effect.status;
      } else if (effect.kind === "writer") {
        const onCreate = fitting(effect.onCreate);
        const onWrite = fitting(effect.onWrite);
        applies = Object.keys(onCreate).length + Object.keys(onWrite).length > 0;
        if (applies) Object.assign(resolved, { onCreate, onWrite });
      } else {
        const path = `${family.item}/${effect.action}`;
        const operation = catalogue.find((op) => op.method === effect.method && op.path === path);
        const set = "set" in effect ? fitting(effect.set) : undefined;
        const complete = !set || Object.keys(set).length === Object.keys((effect as { set: Json }).set).length;
        const undone = "undoes" in effect ? resolved.actions?.[effect.undoes] : undefined;
        applies = operation !== undefined && complete && ("undoes" in effect ? undone !== undefined : true);
        if (operation && applies) {
          const declared = resolve(spec, operationAt(spec, path, effect.method)?.requestBody) as Json | undefined;
          const action: ActionRule = {
            method: effect.method,
            status: operation.successStatus,
            body: bodyShape(spec, successSchema(spec, path, effect.method.toLowerCase(), operation.successStatus)),
            ...(set ? { set } : {}),
            ...("undoes" in effect ? { undoes: effect.undoes } : {}),
            ...(declared ? { requestBody: declared.required === true ? "required" : "optional" } : {}),
          };
          resolved.actions = { ...resolved.actions, [effect.action]: action };
          use.operations.push(`${effect.method} ${path}`);
          served.set(`${effect.method} ${path}`, rule.id);
        }
      }
      if (applies) use.families.push(family.name);
    }
    return Object.keys(resolved).length > 0 ? { ...family, rules: resolved } : { ...family };
  });
  return { families: out, coverage: markServed(coverage, served, "action"), uses };
}

/** The item's fields and their schemas (from the item GET's `data`). */
function fieldSchemas(spec: Json, family: Family): Json {
  const read = propertiesOf(spec, successSchema(spec, family.item, "get", family.read.status));
  return propertiesOf(spec, read.data);
}

/** Whether a field's schema takes a value: its enum lists it, or its type is the value's. */
function takes(spec: Json, node: unknown, value: unknown): boolean {
  const schema = resolve(spec, node) as Json | undefined;
  if (!schema) return false;
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  const type = schema.type;
  if (type === undefined) return true;
  const kind = value === null ? "null" : typeof value;
  return (
    type === kind ||
    (type === "integer" && Number.isInteger(value)) ||
    (Array.isArray(type) && type.includes(kind)) ||
    (value === null && schema.nullable === true)
  );
}

/** `api-rules.md`: every rule, what it does, its sources, and where the vendored spec lets it apply. */
export function renderApiRules(uses: readonly RuleUse[], banner: string): string {
  const cell = tableCell;
  return [
    `<!--\n${banner.trim()}\n-->`,
    "",
    "# The live API's own rules in the stateful mock",
    "",
    "Where the spec says nothing, the stateful mock follows these rules (the table is",
    "`packages/codegen/src/mock-rules.ts`). Each applies only where the vendored spec lets it: the family's entity has",
    "the fields it sets and their schemas take the values, and an action's operation exists. Prism still checks every",
    "answer.",
    "",
    "| rule | what the live API does | sources | applies to |",
    "| --- | --- | --- | --- |",
    ...uses.map(
      ({ rule, families, operations }) =>
        `| ${rule.id} | ${cell(rule.does)} | ${cell(rule.sources.join("; "))} | ${cell(
          families.length === 0 ? "no family of this spec" : [...families, ...operations].join(", "),
        )} |`,
    ),
    "",
  ].join("\n");
}
