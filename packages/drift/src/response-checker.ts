import { type JSONValue, jsonpointer } from "json-p3";
import { type Finding, type FindingKind, jsonType } from "./finding.js";
import { responseSchemas } from "./generated/response-schemas.js";
import { responseValidators } from "./generated/response-validators.js";
import { templatePointer, unknownProperties } from "./unknown-properties.js";
import type { ResponseSchemas, ResponseValidatorTable, ValidationError } from "./validator-table.js";

type Json = Record<string, unknown>;

/** One response as it arrived, named by the spec's method and path template. */
export interface ObservedResponse {
  method: string;
  path: string;
  status: number;
  /** The Content-Type header as sent (parameters such as `charset` are ignored). */
  contentType: string | null;
  /** The parsed JSON body; not read when the content type is not JSON. */
  body?: unknown;
}

/** What a checker compares against: validators and schemas by operation, status key and media type. */
export interface ResponseTables {
  validators: ResponseValidatorTable;
  schemas: ResponseSchemas;
}

/** Keywords whose failure says the value is of another shape than declared, not another type. */
const VALUE_KEYWORDS = new Set([
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
]);

/**
 * Checks responses against the overlaid spec: the status, the content type and the body, each difference a
 * {@link Finding}. The validators were compiled ahead of time by the generator (no `new Function` at run time), so
 * this runs where strict CSPs and workerd run. It never throws for what the API sends; an operation the spec does
 * not have is the caller's error and throws.
 */
export function createResponseChecker(
  tables: ResponseTables = { validators: responseValidators, schemas: responseSchemas },
): (response: ObservedResponse) => Finding[] {
  const resolve = (node: unknown): unknown => {
    let current = node;
    for (let hops = 0; hops < 32 && current && typeof current === "object" && "$ref" in current; hops++) {
      const ref = String((current as Json).$ref);
      current = jsonpointer.resolve(ref.replace(/^#/, ""), tables.schemas as unknown as JSONValue);
    }
    return current;
  };

  return (response) => {
    const at = (pointer: string, kind: FindingKind, expected: string, received: string): Finding => ({
      method: response.method.toUpperCase(),
      path: response.path,
      status: response.status,
      pointer,
      kind,
      expected,
      received,
    });
    const operation = `${response.method.toUpperCase()} ${response.path}`;
    const responses = tables.validators[operation];
    if (!responses) throw new Error(`${operation} is not an operation of the spec`);
    const statusKey = [String(response.status), `${String(response.status)[0]}XX`, "default"].find(
      (key) => key in responses,
    );
    if (!statusKey) return [at("", "status", Object.keys(responses).sort().join(" | "), String(response.status))];

    const content = responses[statusKey] ?? {};
    const mediaType = (response.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const declared = Object.keys(content);
    if (declared.length === 0) return []; // no body declared: nothing to compare
    if (!declared.includes(mediaType))
      return [at("", "content-type", declared.sort().join(" | "), mediaType || "none")];
    const validate = content[mediaType];
    if (!/\bjson$/.test(mediaType) || !validate) return [];

    validate(response.body);
    const errors = withoutEnumBesideType(validate.errors ?? []);
    const root = tables.schemas.responses[operation]?.[statusKey]?.[mediaType];
    const locate = (instancePath: string) => templatePointer(response.body, root, instancePath, resolve);
    const findings = mergeAlternatives(errors, (error) => fromError(error, locate, at));
    for (const unknown of unknownProperties(response.body, root, resolve)) {
      findings.push(at(unknown.pointer, "unknown-property", "not declared", jsonType(unknown.value)));
    }
    return findings;
  };
}

function fromError(
  error: ValidationError,
  locate: (instancePath: string) => { pointer: string; value: unknown },
  at: (pointer: string, kind: FindingKind, expected: string, received: string) => Finding,
): Finding[] {
  const { pointer, value } = locate(error.instancePath);
  const params = error.params as Json;
  switch (error.keyword) {
    case "enum": {
      const allowed = params.allowedValues as unknown[];
      if (value === null) return [at(pointer, "null", allowed.map(String).join(" | "), "null")];
      // A value of another type than every listed one is a wrong type, not a new value of this enum.
      const types = [...new Set(allowed.filter((v) => v !== null).map(looseType))];
      if (!types.includes(looseType(value))) return [at(pointer, "type", types.join(" | "), jsonType(value))];
      return [
        at(
          pointer,
          "enum-value",
          allowed.map(String).join(" | "),
          typeof value === "object" ? jsonType(value) : String(value),
        ),
      ];
    }
    case "type":
      return [at(pointer, value === null ? "null" : "type", String(params.type), jsonType(value))];
    case "required":
      return [
        at(
          `${pointer}/${escapePointerSegment(String(params.missingProperty))}`,
          "missing-required",
          "present",
          "absent",
        ),
      ];
    // Reported by the walk over `properties` (which also sees properties of open objects).
    case "additionalProperties":
    // The failing branches say why; the combinator's own error adds nothing.
    case "oneOf":
    case "anyOf":
    case "$ref":
      return [];
    default:
      if (!VALUE_KEYWORDS.has(error.keyword)) return [at(pointer, "type", error.keyword, jsonType(value))];
      // `format date-time`, `pattern ^a`, `minimum 0`: the bound, never the value.
      return [
        at(
          pointer,
          "format",
          `${error.keyword} ${String(params.format ?? params.pattern ?? params.limit ?? "")}`.trim(),
          jsonType(value),
        ),
      ];
  }
}

/**
 * A value that fails every branch of a oneOf fails once per branch (`type` string, `type` array...): one finding
 * per value, listing what each branch expected. Values are told apart by their concrete place, so the same
 * difference in two items stays two occurrences (the report counts them).
 */
function mergeAlternatives(errors: ValidationError[], toFindings: (error: ValidationError) => Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const error of errors) {
    for (const finding of toFindings(error)) {
      const key = [error.instancePath, finding.pointer, finding.kind, finding.received].join("\0");
      const seen = merged.get(key);
      if (!seen) merged.set(key, finding);
      else if (!seen.expected.split(" | ").includes(finding.expected)) {
        seen.expected = [...seen.expected.split(" | "), finding.expected].sort().join(" | ");
      }
    }
  }
  return [...merged.values()];
}

/** number and integer are one type to an enum: 2 is a value of `enum: [1, 2.5]`. */
const looseType = (value: unknown) => (jsonType(value) === "integer" ? "number" : jsonType(value));

/** A value of the wrong type fails the schema's `type` and its `enum`: the type says it; the enum would repeat it. */
function withoutEnumBesideType(errors: ValidationError[]): ValidationError[] {
  const parent = (error: ValidationError) => `${error.instancePath}\0${error.schemaPath.replace(/\/[^/]*$/, "")}`;
  const typed = new Set(errors.filter((e) => e.keyword === "type").map(parent));
  return errors.filter((e) => e.keyword !== "enum" || !typed.has(parent(e)));
}

function escapePointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}
