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
    // The 2024 Statsig spec tags booleans as `!!int false`; yaml's default (non-strict) schema
    // resolves that tag leniently, which is what a faithful conversion needs.
    return parseYaml(text, { prettyErrors: false, uniqueKeys: true, strict: false });
  } catch (error) {
    throw new CodegenError(`${label}: invalid YAML: ${firstLine(error)}`);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
