import { parse as parseYaml } from "yaml";
import { CodegenError } from "./errors.js";

/**
 * Parses an OpenAPI or Overlay document from JSON or YAML text. JSON is tried first when the
 * text looks like JSON, so a JSON syntax error is reported as such rather than as YAML noise.
 */
export function parseDocument(text: string, label: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new CodegenError(`${label}: invalid JSON: ${firstLine(error)}`);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: false, uniqueKeys: true, customTags: [lenientInt], logLevel: "error" });
  } catch (error) {
    throw new CodegenError(`${label}: invalid YAML: ${firstLine(error)}`);
  }
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
