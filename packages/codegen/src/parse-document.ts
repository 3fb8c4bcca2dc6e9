import { parse as parseYaml } from "yaml";
import { CodegenError } from "./errors.js";

/**
 * Parses an OpenAPI or Overlay document from JSON or YAML text. JSON is tried first when the
 * text looks like JSON, so a JSON syntax error is reported as such rather than as YAML noise.
 */
export function parseDocument(text: string, label: string): unknown {
  const trimmed = text.trimStart();
  let document: unknown;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new CodegenError(`${label}: invalid JSON: ${firstLine(error)}`);
    }
  } else {
    try {
      document = parseYaml(text, {
        prettyErrors: false,
        uniqueKeys: true,
        customTags: [lenientInt],
        logLevel: "error",
      });
    } catch (error) {
      // The YAML parser recurses, so a deep document overflows inside it (sometimes rewrapped as a parse error).
      if (error instanceof RangeError || /call stack/i.test(firstLine(error))) throw tooDeep(label);
      throw new CodegenError(`${label}: invalid YAML: ${firstLine(error)}`);
    }
  }
  if (depthExceeds(document, MAX_DEPTH)) throw tooDeep(label);
  return document;
}

/**
 * Every later step (overlays, validation, openapi-typescript) walks the document recursively, so a
 * pathologically nested input would end in a stack overflow far from its cause. Statsig's spec nests
 * about 20 levels; 200 leaves room for any real schema.
 */
export const MAX_DEPTH = 200;

const tooDeep = (label: string) =>
  new CodegenError(`${label}: nested deeper than ${MAX_DEPTH} levels; not an OpenAPI document this tool can process`);

/** Iterative, so measuring the depth cannot overflow the stack it protects. */
function depthExceeds(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > limit) return true;
    if (node && typeof node === "object") for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The 2024 Statsig spec writes `exclusiveMinimum: !!int false`, a boolean under an integer tag, which
 * strict YAML parsers reject. The tag is resolved by what the scalar says: a boolean stays a boolean.
 */
const lenientInt = {
  tag: "tag:yaml.org,2002:int",
  resolve(source: string, onError: (message: string) => void): unknown {
    if (/^(true|false)$/i.test(source)) return source.toLowerCase() === "true";
    const value = Number(source.replaceAll("_", ""));
    if (Number.isInteger(value)) return value;
    onError(`!!int ${source} is neither an integer nor a boolean`);
    return source;
  },
};

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
