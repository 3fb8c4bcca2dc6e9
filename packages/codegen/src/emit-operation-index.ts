import type { OperationEntry } from "./catalogue.js";
import { CodegenError } from "./errors.js";
import { LocalAliases, pascalCase } from "./local-aliases.js";
import { HTTP_METHODS, isObject, resolve } from "./openapi-doc.js";
import type { OperationParts, ParameterGroup } from "./split-types.js";
import { docComment, firstParagraph } from "./ts-text.js";

/**
 * Per method, an interface from path to that operation's request and response types, written out
 * so that a typed call is a property lookup. (openapi-fetch's generic signatures derive the same
 * types per call; that cost consumers ~0.4 s of type-checking for 20 calls.) The types are
 * openapi-typescript's own, copied from `operations` rather than looked up in it, so that this file
 * needs only `components`.
 */
export function emitOperationIndex(
  spec: Record<string, unknown>,
  entries: OperationEntry[],
  parts: Map<string, OperationParts>,
): string {
  const pathsObject = spec.paths as Record<string, Record<string, Record<string, unknown>>>;
  const lines = ['import type { components } from "./components.js";'];
  const listPaths: string[] = [];
  const byMethod = HTTP_METHODS.map((method) => ({
    method,
    operations: entries
      .filter((e) => e.method.toLowerCase() === method)
      .map((entry) => {
        const operation = pathsObject[entry.path]?.[method] ?? {};
        const part = parts.get(String(operation.operationId));
        if (!part) throw new CodegenError(`openapi-typescript wrote no types for ${entry.method} ${entry.path}`);
        return { entry, operation, part };
      }),
  }));
  const aliases = new LocalAliases(
    new Set(["components", "OperationTypes", "ListItems", ...HTTP_METHODS.map(interfaceName)]),
  );
  for (const { operations } of byMethod) {
    for (const { part } of operations) for (const block of namedBlocks(part)) aliases.offer(block.hint, block.type);
  }
  for (const { method, operations } of byMethod) {
    lines.push("", `export interface ${interfaceName(method)} {`);
    for (const { entry, operation, part } of operations) {
      const paramsRequired = entry.pathParams.length > 0 || entry.requiredQueryParams.length > 0;
      const params = `params${paramsRequired ? "" : "?"}: ${indent(parametersType(part.parameters, aliases))}`;
      const body =
        entry.hasBody && part.requestBody !== undefined
          ? `body${entry.bodyRequired ? "" : "?"}: ${indent(part.requestBody)}`
          : "body?: never";
      const errors = errorBodies(part).map(({ hint, type }) => (hint && aliases.nameOf(hint, type)) || indent(type));
      const error = errors.length > 0 ? [...new Set(errors)].join(" | ") : "never";
      // The operation's docs on `params` and `body`: TypeScript shows no docs for a path literal or a
      // generic method at a call site, but it does for these keys of the init object (hover, completion).
      const docs = docComment("      ", [
        `${entry.method} ${entry.path}${entry.summary ? `: ${entry.summary}` : ""}`,
        firstParagraph(operation.description),
      ]);
      lines.push(
        `  ${JSON.stringify(entry.path)}: {`,
        "    init: {",
        ...docs,
        `      ${params};`,
        ...(entry.hasBody ? docs : []),
        `      ${body};`,
        "    };",
        `    required: ${paramsRequired || entry.bodyRequired};`,
        `    data: ${indent(part.responses.get(String(entry.successStatus)) ?? "never")};`,
        `    error: ${error};`,
        "  };",
      );
      if (method === "get" && entry.paginated && returnsList(spec, operation, entry.successStatus))
        listPaths.push(entry.path);
    }
    lines.push("}");
  }
  lines.push(
    "",
    "// Shared by several operations above (or named for what they are): declared once, each copy costs every",
    "// consumer's type-checker.",
    ...aliases.lines(),
    "",
    "/**",
    " * What `paginate` yields, by path: the item type of each paginated GET whose `data` is a list",
    " * (written out: deriving it from the index made every consumer resolve all of them).",
    " */",
    "export interface ListItems {",
    ...listPaths.map(
      (path) => `  ${JSON.stringify(path)}: GetOperations[${JSON.stringify(path)}]["data"]["data"][number];`,
    ),
    "}",
  );
  return `${lines.join("\n")}\n`;
}

/** `get` (or `GET`) -> `GetOperations`: the index interface of a method. */
export function interfaceName(method: string): string {
  const lower = method.toLowerCase();
  return `${lower[0]?.toUpperCase()}${lower.slice(1)}Operations`;
}

/** The blocks of one operation that may be declared once under a name (see {@link LocalAliases}). */
function namedBlocks(part: OperationParts): { hint: string; type: string }[] {
  const blocks = [
    ...part.parameters.map((group) => ({ hint: groupHint(group), type: group.type })),
    ...errorBodies(part),
  ];
  return blocks.flatMap(({ hint, type }) => (hint ? [{ hint, type }] : []));
}

/** The header and path groups' names (`XRespectReviewSettingsHeader`, `IdPathParams`); query groups mostly differ. */
function groupHint({ where, type, names }: ParameterGroup): string | undefined {
  const suffix = where === "header" ? "Header" : where === "path" ? "PathParams" : undefined;
  return suffix && isLiteral(type) && names.length > 0 ? `${pascalCase(names.join("-"))}${suffix}` : undefined;
}

/** Each error status's JSON body, named by its code when it is an object literal (`Status401Error`, `DefaultError`). */
function errorBodies(part: OperationParts): { hint: string | undefined; type: string }[] {
  return [...part.responses]
    .filter(([code]) => !/^2/.test(code))
    .map(([code, type]) => ({ hint: isLiteral(type) ? errorName(code) : undefined, type }));
}

/** The `parameters` object, its named groups by their alias. */
function parametersType(groups: ParameterGroup[], aliases: LocalAliases): string {
  if (groups.length === 0) return "never";
  const members = groups.map((group) => {
    const hint = groupHint(group);
    const named = hint ? aliases.nameOf(hint, group.type) : undefined;
    return `    ${group.where}${group.optional ? "?" : ""}: ${named ?? group.type.replaceAll("\n", "\n    ")};`;
  });
  return `{\n${members.join("\n")}\n}`;
}

function errorName(code: string): string {
  return /^\d/.test(code) ? `Status${code}Error` : `${pascalCase(code)}Error`;
}

/** An object literal type, as openapi-typescript prints one. */
function isLiteral(type: string): boolean {
  return type.startsWith("{");
}

/** Continues a printed multi-line type at the index's indentation. */
function indent(type: string): string {
  return type.replaceAll("\n", "\n    ");
}

/**
 * True when the success JSON body's top-level `data` is a list: every `data` property the body
 * declares (directly or through allOf, whose parts the types intersect) is an array schema.
 */
function returnsList(spec: Record<string, unknown>, operation: Record<string, unknown>, status: number): boolean {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const response = resolve(spec, responses[String(status)]);
  const content = isObject(response) && isObject(response.content) ? response.content["application/json"] : undefined;
  const declared = isObject(content) ? propertySchemas(spec, content.schema, "data", 0) : [];
  return declared.length > 0 && declared.every((schema) => isArraySchema(spec, schema));
}

function propertySchemas(spec: Record<string, unknown>, schema: unknown, name: string, depth: number): unknown[] {
  const resolved = resolve(spec, schema);
  if (!isObject(resolved) || depth > 8) return [];
  const own = isObject(resolved.properties) && name in resolved.properties ? [resolved.properties[name]] : [];
  const parts = Array.isArray(resolved.allOf) ? resolved.allOf : [];
  return [...own, ...parts.flatMap((part) => propertySchemas(spec, part, name, depth + 1))];
}

/** An array schema: `type: array`, or `items` without a type (openapi-typescript renders both as arrays). */
function isArraySchema(spec: Record<string, unknown>, schema: unknown): boolean {
  const resolved = resolve(spec, schema);
  return isObject(resolved) && (resolved.type === "array" || (resolved.type === undefined && "items" in resolved));
}
