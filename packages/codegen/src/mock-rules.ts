/**
 * The live Console API's own rules, where the spec says nothing: what the stateful mock does beyond the shapes the
 * spec gives. One row per rule, each with what it does and where that is known from. The generator applies each rule
 * to the families it fits (whose spec has the action's path, whose entities have the fields it sets) and writes the
 * result into the mock's `generated/` folder with `api-rules.md`, so a rule never reaches a family whose spec cannot
 * take it. Prism still judges every answer: a rule cannot make the mock answer what the spec forbids unnoticed.
 */
export interface MockRule {
  id: string;
  /** What the live API does, in one or two sentences. */
  does: string;
  /** Where it is known from; a rule with no public source says so here. */
  sources: string[];
  /** The families it is known for; default every family it fits. */
  families?: string[];
  effect: MockRuleEffect;
}

export type MockRuleEffect =
  /** A created entity's id is its name in lower case, each run of blanks an underscore. */
  | { kind: "id-from-name" }
  /** A create whose id is taken answers `status`. */
  | { kind: "taken-name"; status: number }
  /** Fields every create sets, and fields every later write (update, action) sets. */
  | { kind: "writer"; onCreate: Record<string, unknown>; onWrite: Record<string, unknown> }
  /** `{method} {item}/{action}` sets fields of the entity, or undoes what another action set. */
  | { kind: "action"; action: string; method: "PUT" | "POST"; set: Record<string, unknown> }
  | { kind: "action"; action: string; method: "PUT" | "POST"; undoes: string };

const GATE_DOCS = "docs.statsig.com/api-reference/gates";

export const MOCK_RULES: readonly MockRule[] = [
  {
    id: "id-from-name",
    does: 'A gate is named by its name: "A Gate" becomes the id `a_gate`, and `name` keeps the name as given.',
    sources: [
      'statsig-io/docs pull request 180 (console-api/gates, 2022): a create with "name": "a gate" answers "id": "a_gate"',
      `${GATE_DOCS} (every example: "name": "A Gate" with "id": "a_gate")`,
      "statsig-io/terraform-provider-statsig tests/gate_resource_test.go (acceptance test: a gate named my_gate has the id my_gate)",
      "docs.statsig.com/statsigcli/gate-management (`siggy gates create my-first-gate` answers id my-first-gate)",
    ],
    families: ["gates"],
    effect: { kind: "id-from-name" },
  },
  {
    id: "taken-name",
    does:
      "A create whose id is taken is refused with 400 and `{ status, message }`. No public source shows the live " +
      "answer; the status is the one creates declare for a bad request, and the body is the 4xx body Statsig sends. " +
      "Where a create declares no 400 (gates today), Prism flags the answer: the spec itself does not allow it.",
    sources: [
      "statsig-io/terraform-provider-statsig tests/fake_console_api.go (writeNotFound: the 4xx body the Console API sends is a message and a status)",
      "spec/overlays/13-error-responses.yaml (StatsigErrorDto)",
    ],
    effect: { kind: "taken-name", status: 400 },
  },
  {
    id: "console-api-writer",
    does:
      'What a Console API key creates or changes is recorded as written by "CONSOLE API": `creatorName` on a create, ' +
      "`lastModifierName` on every write; `createdTime` and `lastModifiedTime` are the time of the write.",
    sources: [
      `${GATE_DOCS}/create-gate, enable-gate, archive-gate examples ("creatorName": "CONSOLE API", "lastModifierName": "CONSOLE API")`,
    ],
    effect: {
      kind: "writer",
      onCreate: { creatorName: "CONSOLE API", lastModifierName: "CONSOLE API" },
      onWrite: { lastModifierName: "CONSOLE API" },
    },
  },
  {
    id: "enable",
    does: "`PUT {item}/enable` turns the entity on (`isEnabled: true`) and answers it.",
    sources: [
      `${GATE_DOCS}/enable-gate ("Gate updated successfully." with the gate; its example's isEnabled is false, the same body as the disable example, so the field follows the operation's name)`,
      "statsig-io/terraform-provider-statsig examples/resources/statsig_gate (is_enabled is the gate's on/off switch)",
    ],
    effect: { kind: "action", action: "enable", method: "PUT", set: { isEnabled: true } },
  },
  {
    id: "disable",
    does: "`PUT {item}/disable` turns the entity off (`isEnabled: false`) and answers it.",
    sources: [`${GATE_DOCS}/disable-gate ("Gate updated successfully." with the gate, "isEnabled": false)`],
    effect: { kind: "action", action: "disable", method: "PUT", set: { isEnabled: false } },
  },
  {
    id: "archive",
    does: '`PUT {item}/archive` sets `status` to "Archived" and leaves `isEnabled` as it was.',
    sources: [`${GATE_DOCS}/archive-gate (answers the gate with "status": "Archived" and "isEnabled": true)`],
    effect: { kind: "action", action: "archive", method: "PUT", set: { status: "Archived" } },
  },
  {
    id: "unarchive",
    does:
      "`PUT {item}/unarchive` gives back the `status` the entity had before it was archived. No public source shows " +
      "the status after an unarchive; restoring the previous one is the mock's assumption.",
    sources: [`${GATE_DOCS}/unarchive-gate (answers the gate; no example of the status)`],
    effect: { kind: "action", action: "unarchive", method: "PUT", undoes: "archive" },
  },
  {
    id: "launch",
    does: '`PUT {item}/launch` sets `status` to "Launched".',
    sources: [
      `${GATE_DOCS}/launch-gate ("Launch gate response"); the status enum of ExternalGateDto has "Launched"`,
      `${GATE_DOCS}/list-gate-references (an unlaunched gate is "In Progress")`,
    ],
    effect: { kind: "action", action: "launch", method: "PUT", set: { status: "Launched" } },
  },
];
