import { stringify } from "yaml";
import type { Finding } from "./finding.js";
import { responseSchemas } from "./generated/response-schemas.js";
import type { ResponseTables } from "./response-checker.js";
import { type SchemaPlace, schemaPlaces } from "./schema-places.js";
import type { ResponseSchemas } from "./validator-table.js";

/**
 * What shows that a drafted action does its job, checked by the repository's overlay tests (every action is
 * proven: the proof holds with the action and fails without it). `schema` is a JSON pointer into the overlaid spec.
 */
export type DriftProof =
  | { schema: string; accepts: unknown }
  | { schema: string; declares: string }
  | { schema: string; optional: string }
  | { operation: string; status: string };

export interface DraftedAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
  "x-drift-proof": DriftProof;
}

export interface OverlayDraft {
  actions: DraftedAction[];
  /** Findings no overlay action can fix (a wrong type, a format, a content type): a person decides. */
  unfixable: Finding[];
  /** drift-overlay.yaml: an Overlay 1.0 document, or a comment saying there is nothing to draft. */
  yaml: string;
}

/**
 * Drafts an Overlay 1.0 document with one action per schema location an action can fix: a new enum value is
 * appended, a null makes the schema nullable (and an enum lists null itself: OpenAPI 3.0 ignores `nullable` beside
 * a `$ref`, so the action goes where the `$ref` points), a missing required property leaves `required`, an unknown
 * property joins `properties` with the JSON type seen, an unexpected status gets a response. Findings at the same
 * location become one action.
 */
export function draftOverlay(
  findings: readonly Finding[],
  options: { date: string; tables?: Pick<ResponseTables, "schemas"> },
): OverlayDraft {
  const schemas = options.tables?.schemas ?? responseSchemas;
  const byKey = new Map<string, { action: DraftedAction; seen: string[] }>();
  const unfixable: Finding[] = [];
  for (const finding of findings) {
    const actions = actionsFor(finding, schemas);
    if (actions.length === 0) {
      unfixable.push(finding);
      continue;
    }
    const seen = `${finding.method} ${finding.path} ${finding.status} at ${finding.pointer || "(response)"}`;
    for (const action of actions) {
      const key = JSON.stringify([action.target, action.update, action.remove]);
      const entry = byKey.get(key);
      if (entry) entry.seen.push(seen);
      else byKey.set(key, { action, seen: [seen] });
    }
  }
  const actions = [...byKey.values()].map(({ action, seen }) => ({
    target: action.target,
    description: `${action.description}: seen from the live API on ${options.date} in ${seen.join("; ")}.`,
    ...(action.remove ? { remove: true as const } : { update: action.update }),
    "x-drift-proof": action["x-drift-proof"],
  }));
  return { actions, unfixable, yaml: renderYaml(actions, options.date) };
}

function actionsFor(finding: Finding, schemas: ResponseSchemas): DraftedAction[] {
  const operation = `${finding.method} ${finding.path}`;
  if (finding.kind === "status") {
    const [path, method] = [finding.path, finding.method.toLowerCase()];
    return [
      {
        target: `$.paths[${quote(path)}].${method}.responses`,
        description: `undeclared status ${finding.status}`,
        update: { [String(finding.status)]: { description: `Sent by the live API (drift check).` } },
        "x-drift-proof": { operation, status: String(finding.status) },
      },
    ];
  }
  const status = statusKey(schemas, operation, finding.status);
  const media = status ? schemas.locations[operation]?.[status] : undefined;
  const mediaType = media ? Object.keys(media).find((type) => /\bjson$/.test(type) && media[type]) : undefined;
  const root = mediaType ? (media?.[mediaType] ?? undefined) : undefined;
  if (!root) return [];
  const segments = finding.pointer.split("/").slice(1);

  switch (finding.kind) {
    case "enum-value": {
      // Every enum at the place that lacks the value: allOf parts must all take it.
      const places = schemaPlaces(schemas, root, segments).filter(
        (p) => Array.isArray(p.node.enum) && !p.node.enum.map(String).includes(finding.received),
      );
      return places.map((place) => {
        const value = enumValue(place.node.enum as unknown[], finding.received);
        return {
          target: `${jsonPath(place.pointer)}.enum`,
          description: `enum value ${JSON.stringify(value)}`,
          update: value,
          "x-drift-proof": { schema: place.pointer, accepts: value },
        };
      });
    }
    case "null": {
      const place = schemaPlaces(schemas, root, segments)[0];
      if (!place || typeof place.node.type !== "string") return [];
      const proof = { schema: place.pointer, accepts: null };
      const actions: DraftedAction[] = [];
      if (place.node.nullable !== true) {
        actions.push({
          target: jsonPath(place.pointer),
          description: "null",
          update: { nullable: true },
          "x-drift-proof": proof,
        });
      }
      if (Array.isArray(place.node.enum) && !place.node.enum.includes(null)) {
        actions.push({
          target: `${jsonPath(place.pointer)}.enum`,
          description: "null (an enum lists null itself)",
          update: null,
          "x-drift-proof": proof,
        });
      }
      return actions;
    }
    case "missing-required": {
      const property = decodeSegment(segments.at(-1) ?? "");
      const places = schemaPlaces(schemas, root, segments.slice(0, -1)).filter(
        (p) => Array.isArray(p.node.required) && p.node.required.includes(property),
      );
      return places.map((place) => ({
        // OpenAPI 3.0 forbids an empty `required`: the last entry goes with its list.
        target:
          (place.node.required as unknown[]).length === 1
            ? `${jsonPath(place.pointer)}.required`
            : `${jsonPath(place.pointer)}.required[?@ == ${quote(property)}]`,
        description: `required property ${JSON.stringify(property)} absent`,
        remove: true,
        "x-drift-proof": { schema: place.pointer, optional: property },
      }));
    }
    case "unknown-property": {
      const property = decodeSegment(segments.at(-1) ?? "");
      // `*` stands for keys that read like data (emails, ids: a map's keys), withheld from the report: there is no
      // property name to declare, so the finding is left to a person.
      if (property === "*") return [];
      const place = schemaPlaces(schemas, root, segments.slice(0, -1)).find(
        (p) => p.node.properties !== null && typeof p.node.properties === "object",
      );
      if (!place) return [];
      return [
        {
          target: `${jsonPath(place.pointer)}.properties`,
          description: `undeclared property ${JSON.stringify(property)} (${finding.received})`,
          update: { [property]: schemaOfType(finding.received) },
          "x-drift-proof": { schema: place.pointer, declares: property },
        },
      ];
    }
    default:
      return [];
  }
}

function statusKey(schemas: ResponseSchemas, operation: string, status: number): string | undefined {
  const statuses = schemas.locations[operation] ?? {};
  return [String(status), `${String(status)[0]}XX`, "default"].find((key) => key in statuses);
}

/** The report holds enum values as text; a numeric or boolean enum gets its typed value back. */
function enumValue(values: unknown[], received: string): unknown {
  const listed = values.filter((v) => v !== null);
  if (listed.length > 0 && listed.every((v) => typeof v === "number") && Number.isFinite(Number(received))) {
    return Number(received);
  }
  if (listed.length > 0 && listed.every((v) => typeof v === "boolean")) return received === "true";
  return received;
}

/** The schema an unknown property is declared with: the JSON type seen (OpenAPI 3.0 has no `null` type). */
function schemaOfType(type: string): Record<string, unknown> {
  if (type === "null") return { nullable: true, description: "Seen only as null by the drift check." };
  return { type };
}

/** An RFC 9535 JSONPath to a JSON pointer's node: names in dot or bracket notation, indices under combinators. */
export function jsonPath(pointer: string): string {
  const segments = pointer.replace(/^#/, "").split("/").slice(1).map(decodeSegment);
  let path = "$";
  segments.forEach((segment, index) => {
    const inArray = /^(allOf|oneOf|anyOf)$/.test(segments[index - 1] ?? "") && /^\d+$/.test(segment);
    if (inArray) path += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) path += `.${segment}`;
    else path += `[${quote(segment)}]`;
  });
  return path;
}

const quote = (name: string) => `'${name.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
const decodeSegment = (segment: string) => segment.replaceAll("~1", "/").replaceAll("~0", "~");

function renderYaml(actions: DraftedAction[], date: string): string {
  const header = [
    "# Drafted by statsig-console-drift: how the live API departed from the overlaid spec.",
    "# Review each action, then copy this file into spec/overlays/ (under a numbered name).",
    "# x-drift-proof says what each action makes the spec accept; the overlay tests check it.",
  ].join("\n");
  if (actions.length === 0) return `${header}\n# Nothing to draft: no finding is fixable by an overlay action.\n`;
  const document = {
    overlay: "1.0.0",
    info: { title: `Live API drift seen on ${date}`, version: "1.0.0" },
    actions,
  };
  return `${header}\n${stringify(document, { lineWidth: 0 })}`;
}

export type { SchemaPlace };
