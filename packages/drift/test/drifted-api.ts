import { type Answer, json, type Planter, spec } from "./api-server.js";

type Json = Record<string, unknown>;
const object = (value: unknown) => value as Json;
const first = (value: unknown) => (value as unknown[])[0] as Json;

/** A schema with its `$ref` followed and its allOf parts' properties merged (enough for the shapes used below). */
function schema(node: unknown): Json {
  let current = object(node);
  while (typeof current.$ref === "string") {
    current = object((spec.components.schemas as Json)[current.$ref.split("/").pop() as string]);
  }
  if (!Array.isArray(current.allOf)) return current;
  const parts = current.allOf.map(schema);
  return {
    ...current,
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), current.properties ?? {}),
    required: parts.flatMap((p) => (p.required ?? []) as string[]),
  };
}
const responses = (template: string) => object(spec.paths[template]?.get?.responses);
/** The schema of `data` in a GET's 200 body. */
function data(template: string): Json {
  let ok = object(responses(template)["200"]);
  if (typeof ok.$ref === "string") ok = object((spec.components.responses as Json)[ok.$ref.split("/").pop() as string]);
  const body = schema(object(object(ok.content)["application/json"]).schema);
  return schema(object(body.properties).data);
}
const property = (node: Json, name: string) => schema(object(node.properties)[name]);
const firstFree = (taken: (name: string) => boolean, make: (i: number) => string) => {
  for (let i = 1; ; i++) if (!taken(make(i))) return make(i);
};

/**
 * Where the drift goes, chosen from the vendored spec so that it is drift whatever the spec already accepts: with a
 * drafted overlay for these very differences committed, the next values along are chosen. A gate read through the
 * list gets a null where its schema is not nullable, a boolean as a string, a required property left out and an
 * undeclared one; the list's page 2 gets an enum value the spec does not list, inside nested arrays. A 500 after the
 * client's retries is failed, and so not drift.
 */
const gate = data("/console/v1/gates/{id}");
const required = (gate.required ?? []) as string[];
// Required properties first: drift there breaks the most consumers.
const names = [...required, ...Object.keys(object(gate.properties)).filter((name) => !required.includes(name))];
const isPlain = (name: string, types: string[]) => {
  const p = property(gate, name);
  return types.includes(String(p.type)) && p.nullable !== true && !p.enum && name !== "id";
};
const nullField = names.find((name) => isPlain(name, ["string", "number", "integer"])) as string;
const typeField = names.find((name) => isPlain(name, ["boolean"])) as string;
const missingField = required.find((name) => name !== "id" && name !== nullField && name !== typeField) as string;
const rule = schema(property(gate, "rules").items);
const conditionTypes = (schema(property(rule, "conditions").items).properties as Json).type as Json;
const newCondition = firstFree(
  (v) => (conditionTypes.enum as unknown[]).includes(v),
  (i) => `brand_new_condition_${i}`,
);
const newProperty = firstFree(
  (name) => name in object(rule.properties),
  (i) => `brandNewField${i}`,
);
const newStatus = [418, 451, 422, 409, 410].find(
  (status) => !(String(status) in responses("/console/v1/metrics/list")),
);
for (const [what, value] of Object.entries({ nullField, typeField, missingField, newStatus })) {
  if (value === undefined) throw new Error(`the drifted API fixture found no ${what} in the vendored spec`);
}

/**
 * Plants one difference of each kind into otherwise clean answers, where the live API has been seen to drift, plus
 * a format, an undeclared status, an HTML error page and a 403. `expected` is what the report must hold: operation
 * and status, pointer, kind, received.
 */
export const plantDrift: Planter & { operations: string[]; expected: string[][]; forbidden: string } = Object.assign(
  (template: string, page: number, answer: Answer): Answer => {
    const body = object(answer.body);
    switch (template) {
      case "/console/v1/gates":
        if (page === 2) first(first(first(body.data).rules).conditions).type = newCondition;
        return answer;
      case "/console/v1/gates/{id}": {
        const item = object(body.data);
        item[nullField] = null;
        item[typeField] = "yes";
        delete item[missingField];
        first(item.rules)[newProperty] = 3;
        return answer;
      }
      case "/console/v1/users/teams":
        first(first(body.data).members).email = "not-an-email";
        return answer;
      case "/console/v1/metrics/list":
        return json(newStatus as number, { message: "unexpected" });
      case "/console/v1/experiments":
        return json(403, { status: 403, message: "This key cannot read experiments" });
      case "/console/v1/dynamic_configs":
        // A proxy's login or error page, sent as a success.
        return { status: 200, contentType: "text/html", body: "<html><body>Sign in</body></html>" };
      case "/console/v1/segments":
        // A bad day after the client's retries: counted as failed, not compared, not drift.
        return json(500, { status: 500, message: "Internal error" });
      default:
        return answer;
    }
  },
  {
    operations: [
      "/console/v1/gates",
      "/console/v1/gates/{id}",
      "/console/v1/users/teams",
      "/console/v1/metrics/list",
      "/console/v1/experiments",
      "/console/v1/dynamic_configs",
      "/console/v1/segments",
    ],
    forbidden: "/console/v1/experiments",
    expected: [
      ["GET /console/v1/gates 200", "/data/*/rules/*/conditions/*/type", "enum-value", newCondition],
      ["GET /console/v1/gates/{id} 200", `/data/${nullField}`, "null", "null"],
      ["GET /console/v1/gates/{id} 200", `/data/${typeField}`, "type", "string"],
      ["GET /console/v1/gates/{id} 200", `/data/${missingField}`, "missing-required", "absent"],
      ["GET /console/v1/gates/{id} 200", `/data/rules/*/${newProperty}`, "unknown-property", "integer"],
      ["GET /console/v1/users/teams 200", "/data/*/members/*/email", "format", "string"],
      [`GET /console/v1/metrics/list ${newStatus}`, "", "status", String(newStatus)],
      ["GET /console/v1/dynamic_configs 200", "", "content-type", "text/html"],
    ],
  },
);
