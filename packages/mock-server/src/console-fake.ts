import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { families as generatedFamilies } from "./generated/families.js";
import type { Family, PartOp, PartRule, SampledAnswer } from "./generated/family.js";
import { sampledAnswers } from "./generated/sampled-answers.js";
import { applyPartOp, idGenerator, withPartIds } from "./part-ops.js";
import { pathTemplates } from "./path-templates.js";

type Json = Record<string, unknown>;

/** One operation of the spec: its method (upper case) and path template. */
export interface SpecOperation {
  method: string;
  template: string;
}

/** Sent by the mock itself: such requests are not listed in `requests()`. */
export const INTERNAL_HEADER = "x-statsig-mock-internal";

/** One request the fake saw: the spec's path template where a family serves it, and the status it answered. */
export interface SeenRequest {
  method: string;
  path: string;
  status: number;
}

interface Route {
  template: string;
  family: Family;
  where: "collection" | "item" | "action" | "part";
  action?: string;
  part?: { property: string; rule: PartRule; op: PartOp };
  pattern: RegExp;
}

interface Answer {
  status: number;
  body: unknown;
}

/**
 * An in-memory Console API for the families the generator found: a collection POST creates, a list GET pages over
 * what exists, an item GET reads, PATCH merges, POST replaces (Statsig's full update), DELETE removes (and the item
 * then answers 404). Everything else answers 501: the stateful mode's front decides what to do with those.
 */
export function createConsoleFake(
  families: readonly Family[] = generatedFamilies,
  sampled: Readonly<Record<string, SampledAnswer>> = sampledAnswers,
  /**
   * The spec's operations: a request is routed by its own (`GET /metrics/list` is not the metric named "list"), as
   * Prism in front routes it.
   */
  specOperations: readonly SpecOperation[] = [],
) {
  const specTemplates = pathTemplates(specOperations);
  // Operations whose own examples fail their schema answer a body built from it (Prism would answer 500).
  const samples = pathTemplates(
    Object.entries(sampled).map(([operation, answer]) => {
      const [method, template] = operation.split(" ") as [string, string];
      return { method, template, answer };
    }),
  );
  const routes: Route[] = pathTemplates(
    families.flatMap((family) => [
      { family, where: "collection" as const, template: family.collection },
      { family, where: "item" as const, template: family.item },
      ...Object.keys(family.rules?.actions ?? {}).map((action) => ({
        family,
        where: "action" as const,
        action,
        template: `${family.item}/${action}`,
      })),
      ...Object.entries(family.parts ?? {}).flatMap(([property, rule]) =>
        rule.ops.map((op) => ({ family, where: "part" as const, part: { property, rule, op }, template: op.path })),
      ),
    ]),
  );
  let newId = idGenerator();
  const withIds = (family: Family, entity: Json) => (family.parts ? withPartIds(entity, family.parts, newId) : entity);
  // What each action changed on an entity, by action, so the one that undoes it (unarchive) can give it back.
  const actionSaves = new Map<string, Map<string, Json>>();
  const undoOf = (family: Family, id: string) => {
    const key = `${family.name}/${id}`;
    let saved = actionSaves.get(key);
    if (!saved) {
      saved = new Map();
      actionSaves.set(key, saved);
    }
    return saved;
  };
  const stores = new Map<string, Map<string, Json>>();
  const seen: SeenRequest[] = [];
  const store = (family: Family) => {
    let entities = stores.get(family.name);
    if (!entities) {
      entities = new Map();
      stores.set(family.name, entities);
    }
    return entities;
  };

  const answer = (method: string, url: URL, body: unknown): Answer & { path: string } => {
    const own = specTemplates.find((t) => t.method === method && t.pattern.test(url.pathname))?.template;
    const route = routes.find(
      (r) =>
        (own === undefined || r.template === own) &&
        r.pattern.test(url.pathname) &&
        (r.where !== "part" || r.part?.op.method === method),
    );
    // What state does not serve: a body built from the schema where the spec's examples fail it, else 501.
    const fallback = () => {
      const sample = samples.find((entry) => entry.method === method && entry.pattern.test(url.pathname));
      if (sample) return { path: sample.template, status: sample.answer.status, body: sample.answer.body };
      return { path: route?.template ?? own ?? url.pathname, ...notModelled() };
    };
    if (!route) return fallback();
    const { family, where } = route;
    const path = route.template;
    const entities = store(family);
    const noun = singular(family.name);
    if (where === "collection") {
      if (method === "POST") return { path, ...create(family, entities, body, noun, (e) => withIds(family, e)) };
      if (method === "GET" && family.list) return { path, ...list(family, entities, url) };
      return fallback();
    }
    const segments = url.pathname.split("/");
    const id = decoded(segments[family.item.split("/").length - 1] ?? "");
    const entity = entities.get(id);
    if (where === "part") {
      const { property, rule, op } = route.part as NonNullable<Route["part"]>;
      if (!entity) return { path, status: 404, body: { status: 404, message: `${capital(noun)} ${id} not found.` } };
      const template = ((family.template as Json | undefined)?.[property] as Json[] | undefined)?.[0] ?? {};
      const requiredPart = ((family.requiredTemplate as Json | undefined)?.[property] as Json[] | undefined)?.[0];
      const outcome = applyPartOp(
        entity,
        property,
        rule,
        op,
        { body, partId: decoded(segments[family.item.split("/").length + 1] ?? "") },
        {
          newId,
          shape: (base, update) => shaped(base, update) as Json,
          keep: (update) => completed(kept(template, update), requiredPart) as Json,
        },
      );
      const partNoun = capital(singular(property));
      if ("missing" in outcome) {
        return { path, status: 404, body: { status: 404, message: `${partNoun} ${outcome.missing} not found.` } };
      }
      if ("data" in outcome) {
        return { path, status: op.status, body: partAnswer(op, `${partNoun}s read successfully.`, outcome.data) };
      }
      const next = stamp({ ...outcome.item, ...family.rules?.onWrite }, Date.now());
      entities.set(id, next);
      return { path, status: op.status, body: envelope(op.body, `${capital(noun)} updated successfully.`, next) };
    }
    if (where === "action") {
      const action = family.rules?.actions?.[route.action as string];
      if (!action || method !== action.method) return fallback();
      if (!entity) return { path, status: 404, body: { status: 404, message: `${capital(noun)} ${id} not found.` } };
      const saved = undoOf(family, id);
      let changes: Json = {};
      if (action.set) {
        changes = action.set;
        // A second archive keeps what the first one saved: unarchive gives back the state from before both.
        if (!saved.has(route.action as string)) {
          saved.set(route.action as string, pick(entity, Object.keys(action.set)));
        }
      }
      if (action.undoes) {
        const undone = family.rules?.actions?.[action.undoes]?.set ?? {};
        // Nothing saved (loaded archived): the fields the other action set go back to the template's values.
        const fallback = Object.fromEntries(
          Object.keys(undone)
            .filter((key) => entity[key] === undone[key])
            .map((key) => [key, (family.template as Json)[key]]),
        );
        changes = saved.get(action.undoes) ?? fallback;
        saved.delete(action.undoes);
      }
      const next = stamp({ ...entity, ...changes, ...family.rules?.onWrite }, Date.now());
      entities.set(id, next);
      return {
        path,
        status: action.status,
        body: envelope(action.body, `${capital(noun)} updated successfully.`, next),
      };
    }
    const role = ({ GET: family.read, POST: family.replace, PATCH: family.merge, DELETE: family.remove } as const)[
      method as "GET" | "POST" | "PATCH" | "DELETE"
    ];
    if (!role) return fallback();
    if (!entity) return { path, status: 404, body: { status: 404, message: `${capital(noun)} ${id} not found.` } };
    const now = Date.now();
    let next = entity;
    const writer = family.rules?.onWrite;
    // The path names the entity: a body cannot rename it. An update's values are stored as sent, since Prism has
    // checked them against the spec (a free-form map such as a config's defaultValue, a null that clears a field,
    // either side of a oneOf); only fields the entity's schema has are kept (an unknown one is neither stored nor
    // echoed).
    const update = pick(asObject(body), Object.keys(asObject(family.template)));
    if (method === "PATCH") {
      next = stamp(withIds(family, { ...entity, ...update, [family.param]: entity[family.param], ...writer }), now);
    }
    if (method === "POST") {
      // A full update: what the body leaves out starts over (its lists empty), except what names the entity and who
      // created it.
      const replaced = {
        ...(unsaid(family.template, body) as Json),
        ...update,
        ...keepCreation(entity),
        ...pick(entity, ["name"]),
        [family.param]: id,
      };
      next = stamp(withIds(family, { ...replaced, ...writer }), now);
    }
    if (method === "DELETE") {
      entities.delete(id);
      actionSaves.delete(`${family.name}/${id}`);
      return { path, status: role.status, body: { message: `${capital(noun)} deleted successfully.` } };
    }
    entities.set(id, next);
    const verb = method === "GET" ? "read" : "updated";
    return { path, status: role.status, body: envelope(role.body, `${capital(noun)} ${verb} successfully.`, next) };
  };

  return {
    /** Answers one HTTP request (a node `http` handler). */
    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      let url: URL;
      try {
        url = new URL(request.url ?? "/", "http://fake.invalid");
      } catch {
        response
          .writeHead(400, { "content-type": "application/json" })
          .end('{"status":400,"message":"bad request URL"}');
        return;
      }
      const text = await readBody(request);
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      const method = (request.method ?? "GET").toUpperCase();
      const { path, status, body: out } = answer(method, url, body);
      // The mock's own reads (checking loaded entities through Prism) are not the test's requests.
      if (request.headers[INTERNAL_HEADER] === undefined) seen.push({ method, path, status });
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(out));
    },
    /**
     * Puts entities into a family as they are (named by the family's path parameter field); returns a function that
     * puts back what was there before (a load that failed its check loses nothing). Throws one line for an unknown
     * family or an entity without that field.
     */
    load(familyName: string, entities: readonly unknown[]): { ids: string[]; undo: () => void } {
      const family = families.find((f) => f.name === familyName);
      if (!family) {
        throw new Error(`load: no family ${familyName} (families: ${families.map((f) => f.name).join(", ")})`);
      }
      const entitiesOf = store(family);
      const before = new Map<string, Json | undefined>();
      const undo = () => {
        for (const [id, previous] of before) {
          if (previous === undefined) entitiesOf.delete(id);
          else entitiesOf.set(id, previous);
        }
      };
      try {
        const ids = entities.map((entity, index) => {
          const id = asObject(entity)[family.param];
          if (typeof id !== "string" && typeof id !== "number") {
            throw new Error(`load: ${familyName}[${index}] has no ${family.param}, which names it in ${family.item}`);
          }
          const key = String(id);
          if (!before.has(key)) before.set(key, entitiesOf.get(key));
          entitiesOf.set(key, { ...asObject(entity) });
          // A loaded entity starts with nothing for an action to undo.
          actionSaves.delete(`${family.name}/${key}`);
          return key;
        });
        return { ids, undo };
      } catch (error) {
        undo();
        throw error;
      }
    },
    /** Forgets every entity and every request seen. */
    reset(): void {
      stores.clear();
      actionSaves.clear();
      newId = idGenerator();
      seen.length = 0;
    },
    /** The requests seen so far, in order. */
    requests(): SeenRequest[] {
      return seen.map((r) => ({ ...r }));
    },
  };
}

export type ConsoleFake = ReturnType<typeof createConsoleFake>;

/** The fake on a free loopback port. */
export async function startConsoleFake(families?: readonly Family[], specOperations?: readonly SpecOperation[]) {
  const fake = createConsoleFake(families ?? generatedFamilies, sampledAnswers, specOperations);
  const server = createServer((request, response) => {
    fake.handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function create(
  family: Family,
  entities: Map<string, Json>,
  body: unknown,
  noun: string,
  withIds: (entity: Json) => Json,
): Answer {
  const fields = asObject(body);
  const rules = family.rules ?? {};
  const name = fields.name;
  // The rules table says how the live API names what it creates (a gate "A Gate" is `a_gate`); otherwise by name.
  const id =
    rules.idFromName && typeof name === "string"
      ? name.toLowerCase().replace(/\s+/g, "_")
      : String(fields[family.param] ?? name ?? unnamedId(family, entities));
  if (entities.has(id)) {
    const status = rules.takenName ?? 400;
    return { status, body: { status, message: `A ${noun} named ${id} already exists.` } };
  }
  const now = Date.now();
  const template = family.template as Json;
  const entity = stamp(withIds({ ...fresh(family, fields), ...rules.onCreate, [family.param]: id }), now);
  if ("createdTime" in template) entity.createdTime = now;
  if ("name" in template && fields.name === undefined) entity.name = id;
  entities.set(id, entity);
  return {
    status: family.create.status,
    body: envelope(family.create.body, `${capital(noun)} created successfully.`, entity),
  };
}

function list(family: Family, entities: Map<string, Json>, url: URL): Answer {
  const limit = Math.max(1, Number(url.searchParams.get("limit") ?? 100) || 100);
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
  // A query parameter naming a field of the entities filters them (a list field by what it holds); others are ignored.
  // Repeated, it takes any of its values (`?idType=userID&idType=stableID`, as the spec's own example asks).
  const filters = [...url.searchParams].filter(([name]) => name !== "page" && name !== "limit");
  const names = new Set(filters.map(([name]) => name));
  const all = [...entities.values()].filter((entity) =>
    [...names].every((name) => filters.some(([n, value]) => n === name && matches(entity, name, value))),
  );
  const data = all.slice((page - 1) * limit, page * limit);
  const last = page * limit >= all.length;
  // The links keep the filters, as the live API's own examples do.
  const query = new URLSearchParams(filters);
  query.set("limit", String(limit));
  const base = `${family.collection}?${query}`;
  return {
    status: (family.list as Family["create"]).status,
    body: {
      message: `${capital(family.name.replaceAll("_", " "))} listed successfully.`,
      data,
      pagination: {
        itemsPerPage: limit,
        pageNumber: page,
        totalItems: all.length,
        nextPage: last ? null : `${base}&page=${page + 1}`,
        previousPage: page > 1 ? `${base}&page=${page - 1}` : null,
        all: `${base}&page=1`,
      },
    },
  };
}

function matches(entity: Json, name: string, value: string): boolean {
  if (!(name in entity)) return true;
  const field = entity[name];
  return Array.isArray(field) ? field.some((item) => String(item) === value) : String(field) === value;
}

/**
 * An entity made from a request's fields alone: the template's shape, and no list the request did not give (the
 * template's sample items, such as a rule named "string", are nobody's).
 */
function fresh(family: Family, fields: unknown): Json {
  return unsaid(shaped(family.template, fields, family.requiredTemplate), fields) as Json;
}

function unsaid(value: unknown, said: unknown): unknown {
  if (Array.isArray(value)) return Array.isArray(said) ? value : [];
  if (value === null || typeof value !== "object") return value;
  const given = asObject(said);
  return Object.fromEntries(Object.entries(value as Json).map(([key, field]) => [key, unsaid(field, given[key])]));
}

/**
 * A request's fields laid over an entity, keeping the entity's shape: a create or update body is not the entity
 * (team members are emails in a create and objects in a team), so a field is taken only where its type matches,
 * objects and array items field by field, and fields the entity does not have are left out.
 */
function shaped(base: unknown, update: unknown, required?: unknown): unknown {
  if (Array.isArray(base)) {
    if (!Array.isArray(update)) return base;
    const item = base[0];
    if (item === undefined) return update;
    // Items are the request's own, kept to the fields an item has and completed only with what the schema requires:
    // the template's placeholders for optional fields are not added to them.
    const needed = Array.isArray(required) ? required[0] : undefined;
    return update.every((value) => sameKind(item, value))
      ? update.map((value) => completed(kept(item, value), needed))
      : base;
  }
  if (base !== null && typeof base === "object") {
    if (update === null || typeof update !== "object" || Array.isArray(update)) return base;
    const out = { ...(base as Json) };
    for (const [key, value] of Object.entries(update as Json)) {
      if (key in out) out[key] = shaped(out[key], value, (required as Json | undefined)?.[key]);
    }
    return out;
  }
  return base === null || sameKind(base, update) ? update : base;
}

/** An object item with the required fields it lacks taken from `needed` (the required-only template). */
function completed(item: unknown, needed: unknown): unknown {
  const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
  return isObject(item) && isObject(needed) ? { ...needed, ...item } : item;
}

/** A request's value with only the fields (at any depth) that `base` has, of the same kind: nothing is filled in. */
function kept(base: unknown, update: unknown): unknown {
  if (Array.isArray(base)) {
    const item = base[0];
    if (!Array.isArray(update) || item === undefined) return update;
    return update.filter((value) => sameKind(item, value)).map((value) => kept(item, value));
  }
  if (base !== null && typeof base === "object") {
    if (update === null || typeof update !== "object" || Array.isArray(update)) return update;
    const out: Json = {};
    for (const [key, value] of Object.entries(update as Json)) {
      const field = (base as Json)[key];
      if (key in (base as Json) && (field === null || sameKind(field, value))) out[key] = kept(field, value);
    }
    return out;
  }
  return update;
}

function sameKind(a: unknown, b: unknown): boolean {
  const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  return kind(a) === kind(b);
}

/** A part read's answer: a page of parts (one page holds them all), the part itself, or a message. */
function partAnswer(op: PartOp, message: string, data: unknown): unknown {
  if (op.body !== "page") return envelope(op.body, message, data as Json);
  const total = Array.isArray(data) ? data.length : 1;
  const pagination = {
    itemsPerPage: Math.max(total, 1),
    pageNumber: 1,
    totalItems: total,
    nextPage: null,
    previousPage: null,
    all: "",
  };
  return { message, data, pagination };
}

function envelope(body: Family["create"]["body"], message: string, entity: Json): unknown {
  return body === "message" ? { message } : { message, data: entity };
}

/** The fields a full update does not change: who created the entity, and when. */
function keepCreation(entity: Json): Json {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => /^(creator|created)/.test(key)));
}

/** An id for a create that names nothing: the first `<family>_<n>` not taken. */
function unnamedId(family: Family, entities: Map<string, Json>): string {
  let n = entities.size + 1;
  while (entities.has(`${family.name}_${n}`)) n++;
  return `${family.name}_${n}`;
}

/** A path segment as the id it names; a bad percent-encoding is taken as written (it then names nothing). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function pick(entity: Json, keys: readonly string[]): Json {
  return Object.fromEntries(keys.filter((key) => key in entity).map((key) => [key, entity[key]]));
}

function stamp(entity: Json, now: number): Json {
  return "lastModifiedTime" in entity ? { ...entity, lastModifiedTime: now } : entity;
}

function notModelled(): Answer {
  return { status: 501, body: { status: 501, message: "not modelled by the stateful mock" } };
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

const singular = (name: string) => name.replace(/ies$/, "y").replace(/s$/, "").replaceAll("_", " ");
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
