import { readFileSync } from "node:fs";
import { createValidator } from "@org/statsig-console-codegen";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startConsoleFake } from "../src/console-fake.js";
import { families } from "../src/generated/families.js";
import { pathTemplates } from "../src/path-templates.js";

type Json = Record<string, unknown>;
// The overlaid spec the mock ships: each answer of the fake must be one the spec declares (Prism will check too).
const spec = JSON.parse(readFileSync(new URL("../src/generated/openapi.json", import.meta.url), "utf8")) as Json & {
  paths: Record<string, Record<string, { responses: Record<string, Json> }>>;
};
const validator = createValidator(spec);

/** The spec's schema for an answer, `$ref`'d responses followed: the pointer createValidator compiles. */
function schemaPointer(method: string, path: string, status: number): string {
  const responses = spec.paths[path]?.[method.toLowerCase()]?.responses ?? {};
  const declared = responses[String(status)] as Json | undefined;
  const escaped = path.replaceAll("~", "~0").replaceAll("/", "~1");
  const base =
    typeof declared?.$ref === "string"
      ? declared.$ref
      : `#/paths/${escaped}/${method.toLowerCase()}/responses/${status}`;
  return `${base}/content/application~1json/schema`;
}

function expectDeclared(method: string, path: string, status: number, body: unknown) {
  const declared = Object.keys(spec.paths[path]?.[method.toLowerCase()]?.responses ?? {});
  expect(declared, `${method} ${path} declares ${status}`).toContain(String(status));
  const validate = validator.at(schemaPointer(method, path, status));
  expect(validate(body), `${method} ${path} ${status}: ${validator.errorsText(validate)}`).toBe(true);
}

let fake: Awaited<ReturnType<typeof startConsoleFake>>;
beforeAll(async () => {
  const operations = Object.entries(spec.paths).flatMap(([template, item]) =>
    Object.keys(item)
      .filter((key) => ["get", "put", "post", "delete", "patch"].includes(key))
      .map((key) => ({ method: key.toUpperCase(), template })),
  );
  fake = await startConsoleFake(undefined, operations);
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

/** One request to the fake, its status and parsed body. */
async function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}
const dataOf = (answer: { body: Json }) => answer.body.data as Json;
const idsOf = (answer: { body: Json }) => (answer.body.data as Json[]).map((entity) => entity.id);

describe("the in-memory Console API behind the stateful mock", () => {
  test("a gate's life: create, read back, update, find in the list, delete, then 404; the requests logged", async () => {
    const created = await send("POST", "/console/v1/gates", { name: "checkout_v2", description: "new", rules: [] });
    expect(created.status).toBe(201);
    expect(dataOf(created)).toMatchObject({ id: "checkout_v2", name: "checkout_v2", description: "new" });
    expect(dataOf(await send("GET", "/console/v1/gates/checkout_v2"))).toEqual(dataOf(created));
    const patched = await send("PATCH", "/console/v1/gates/checkout_v2", { description: "v2" });
    expect(dataOf(patched)).toMatchObject({ id: "checkout_v2", description: "v2" });
    expect(idsOf(await send("GET", "/console/v1/gates"))).toEqual(["checkout_v2"]);
    expect((await send("DELETE", "/console/v1/gates/checkout_v2")).status).toBe(200);
    expect((await send("GET", "/console/v1/gates/checkout_v2")).status).toBe(404);
    expect(fake.requests()).toEqual([
      { method: "POST", path: "/console/v1/gates", status: 201 },
      { method: "GET", path: "/console/v1/gates/{id}", status: 200 },
      { method: "PATCH", path: "/console/v1/gates/{id}", status: 200 },
      { method: "GET", path: "/console/v1/gates", status: 200 },
      { method: "DELETE", path: "/console/v1/gates/{id}", status: 200 },
      { method: "GET", path: "/console/v1/gates/{id}", status: 404 },
    ]);
  });

  test("a body is taken where its fields fit the entity: a wrong type or an unknown field is left out", async () => {
    const created = await send("POST", "/console/v1/gates", { name: "shaped", isEnabled: "yes", dryRun: true });
    expect(typeof dataOf(created).isEnabled).toBe("boolean");
    expect(dataOf(created)).not.toHaveProperty("dryRun");
  });

  test.each(families.map((family) => [family.name, family] as const))(
    "%s: create, read, update, list, delete, 404; every answer one the spec declares",
    async (_name, family) => {
      const name = `fake_${family.name}`;
      const created = await send("POST", family.collection, { name });
      expectDeclared("POST", family.collection, created.status, created.body);
      const id = String((created.body.data as Json | undefined)?.[family.param] ?? name);
      const item = family.item.replace(`{${family.param}}`, encodeURIComponent(id));

      const read = await send("GET", item);
      expect(read.status).toBe(family.read.status);
      expectDeclared("GET", family.item, read.status, read.body);
      if (family.merge) {
        const merged = await send("PATCH", item, { description: "merged" });
        expectDeclared("PATCH", family.item, merged.status, merged.body);
      }
      if (family.replace) {
        const replaced = await send("POST", item, { name, description: "replaced" });
        expectDeclared("POST", family.item, replaced.status, replaced.body);
      }
      if (family.list) {
        const listed = await send("GET", family.collection);
        expectDeclared("GET", family.collection, listed.status, listed.body);
        expect((listed.body.data as Json[]).length).toBe(1);
      }
      const removed = await send("DELETE", item);
      expectDeclared("DELETE", family.item, removed.status, removed.body);
      const gone = await send("GET", item);
      expect(gone.status).toBe(404);
      expectDeclared("GET", family.item, 404, gone.body);
    },
  );

  test("a name taken is refused; what no family serves answers 501; reset forgets everything", async () => {
    await send("POST", "/console/v1/gates", { name: "taken" });
    const again = await send("POST", "/console/v1/gates", { name: "taken" });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/already exists/);
    expect((await send("GET", "/console/v1/gates/taken/versions")).status).toBe(501);
    fake.reset();
    expect(fake.requests()).toEqual([]);
    expect((await send("GET", "/console/v1/gates/taken")).status).toBe(404);
  });

  const ruled = families.filter((family) => family.rules);
  test("the rules table reaches the families of this spec: gates at least", () => {
    expect(ruled.map((family) => family.name)).toContain("gates");
  });

  test.each(ruled.map((family) => [family.name, family] as const))(
    "%s follows the rules table: its ids, its writer fields, and each action's change, answered as the spec declares",
    async (_name, family) => {
      const rules = family.rules ?? {};
      const name = "Rule Entity";
      const created = await send("POST", family.collection, { ...(family.examples?.create as Json), name });
      expectDeclared("POST", family.collection, created.status, created.body);
      const entity = (created.body.data ?? {}) as Json;
      const id = rules.idFromName ? "rule_entity" : String(entity[family.param] ?? name);
      if (rules.idFromName) expect(entity).toMatchObject({ id, name });
      if (rules.onCreate) expect(entity).toMatchObject(rules.onCreate);
      const item = family.item.replace(`{${family.param}}`, encodeURIComponent(id));
      for (const [action, rule] of Object.entries(rules.actions ?? {})) {
        const undone = rule.undoes ? rules.actions?.[rule.undoes] : undefined;
        // Whatever an earlier action in this loop left to undo is taken back first.
        if (rule.undoes) await send(rule.method, `${item}/${action}`, rule.requestBody && {});
        const before = dataOf(await send("GET", item));
        // An action that takes back another one (unarchive) is tried right after that one.
        if (rule.undoes) await send(undone?.method ?? "PUT", `${item}/${rule.undoes}`, undone?.requestBody && {});
        const answer = await send(rule.method, `${item}/${action}`, rule.requestBody && {});
        expectDeclared(rule.method, `${family.item}/${action}`, answer.status, answer.body);
        const after = dataOf(await send("GET", item));
        if (rule.set) expect(after, action).toMatchObject({ ...rule.set, ...rules.onWrite });
        for (const key of Object.keys(undone?.set ?? {})) expect(after[key], `${action}: ${key}`).toEqual(before[key]);
      }
      if (rules.takenName) {
        const taken = await send("POST", family.collection, { ...(family.examples?.create as Json), name });
        expect(taken.status).toBe(rules.takenName);
        expect(taken.body).toEqual({ status: rules.takenName, message: expect.stringMatching(/already exists/) });
      }
    },
  );

  const parted = families.filter((family) => family.parts);
  test("the spec's part operations reach gates' rules at least", () => {
    expect(Object.keys(families.find((family) => family.name === "gates")?.parts ?? {})).toContain("rules");
  });

  // In this order, so each operation has something to work on; the remove comes last.
  const ORDER = ["add-many", "add-one", "merge-many", "merge-one", "read-one", "list", "list-wrapped", "remove-one"];
  test.each(parted.map((family) => [family.name, family] as const))(
    "%s: parts get ids; each part operation adds, updates, reads or removes one, answered as the spec declares",
    async (_name, family) => {
      for (const [property, part] of Object.entries(family.parts ?? {})) {
        const { id: _placeholder, ...blank } = ((family.template as Json)[property] as Json[])[0] as Json;
        const body = { ...(family.examples?.create as Json), name: "Parted Entity", [property]: [{ ...blank }] };
        const created = await send("POST", family.collection, body);
        expectDeclared("POST", family.collection, created.status, created.body);
        const entity = dataOf(created);
        const item = family.item.replace(`{${family.param}}`, encodeURIComponent(String(entity[family.param])));
        const partsOf = async () => dataOf(await send("GET", item))[property] as Json[];
        const first = (entity[property] as Json[])[0] as Json;
        expect(first.id).toMatch(/^[0-9A-Za-z]{22}$/);
        for (const op of [...part.ops].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))) {
          const before = await partsOf();
          const path = op.path
            .replace(`{${family.param}}`, String(entity[family.param]))
            .replace(/\{\w+\}$/, String(first.id));
          const requestBody = {
            "add-many": { [property]: [{ ...blank, name: "added" }] },
            "add-one": { ...blank, name: "one" },
            "merge-many": { [property]: [{ id: first.id, name: "renamed" }] },
            "merge-one": { name: "renamed again" },
          }[op.kind as string];
          const answer = await send(op.method, path, requestBody);
          expectDeclared(op.method, op.path, answer.status, answer.body);
          const after = await partsOf();
          const mine = after.find((entry) => entry.id === first.id);
          if (op.kind === "add-many" || op.kind === "add-one") {
            expect(after.length, op.kind).toBe(before.length + 1);
            expect(after.at(-1)?.id).not.toBe(first.id);
          }
          // An update changes what it names and keeps the rest of the part as it was.
          const { name: _before, ...rest } = before.find((entry) => entry.id === first.id) ?? {};
          if (op.kind === "merge-many") expect(mine).toEqual({ ...rest, name: "renamed" });
          if (op.kind === "merge-one") expect(mine).toEqual({ ...rest, name: "renamed again" });
          if (op.kind === "read-one") expect(dataOf(answer)).toEqual(mine);
          if (op.kind === "list") expect(answer.body.data).toEqual(after);
          if (op.kind === "list-wrapped") expect(answer.body.data).toEqual([{ [property]: after }]);
          if (op.kind === "remove-one") {
            expect(mine).toBeUndefined();
            expect(after.length).toBe(before.length - 1);
            // The part is gone: a second remove finds nothing.
            const again = await send(op.method, path);
            expect(again.status).toBe(404);
            expectDeclared(op.method, op.path, 404, again.body);
          }
        }
      }
    },
  );

  test("archive twice, then unarchive: the status from before the first archive comes back", async () => {
    await send("POST", "/console/v1/gates", { name: "twice" });
    const before = dataOf(await send("GET", "/console/v1/gates/twice")).status;
    await send("PUT", "/console/v1/gates/twice/archive", {});
    await send("PUT", "/console/v1/gates/twice/archive", {});
    await send("PUT", "/console/v1/gates/twice/unarchive", {});
    expect(dataOf(await send("GET", "/console/v1/gates/twice")).status).toBe(before);
  });

  test("a gate loaded archived is unarchived to the template's status; a load's undo puts back what was there", async () => {
    const gate = { ...(families.find((f) => f.name === "gates")?.template as Json), id: "loaded", name: "loaded" };
    fake.load("gates", [{ ...gate, status: "Archived" }]);
    await send("PUT", "/console/v1/gates/loaded/unarchive", {});
    expect(dataOf(await send("GET", "/console/v1/gates/loaded")).status).not.toBe("Archived");
    const { undo } = fake.load("gates", [
      { ...gate, description: "replaced" },
      { ...gate, id: "new_one" },
    ]);
    undo();
    expect(dataOf(await send("GET", "/console/v1/gates/loaded")).description).not.toBe("replaced");
    expect((await send("GET", "/console/v1/gates/new_one")).status).toBe(404);
  });

  test("a PATCH cannot rename what its path names; a create that names nothing gets a free id", async () => {
    await send("POST", "/console/v1/gates", { name: "named" });
    const patched = await send("PATCH", "/console/v1/gates/named", { id: "other", description: "d" });
    expect(dataOf(patched)).toMatchObject({ id: "named", description: "d" });
    fake.load("tags", [{ id: "tags_1", name: "tags_1" }]);
    const unnamed = await send("POST", "/console/v1/tags", {});
    expect(String(dataOf(unnamed).id)).not.toBe("tags_1");
  });

  test("a path with a bad percent-encoding names nothing: 404, recorded", async () => {
    expect((await send("GET", "/console/v1/gates/%E0%A4%A")).status).toBe(404);
    expect(fake.requests().at(-1)).toEqual({ method: "GET", path: "/console/v1/gates/{id}", status: 404 });
  });

  test("lists page over what exists", async () => {
    for (const name of ["a_1", "b_2", "c_3"]) await send("POST", "/console/v1/gates", { name });
    const first = await send("GET", "/console/v1/gates?limit=2&page=1");
    const second = await send("GET", "/console/v1/gates?limit=2&page=2");
    expect(idsOf(first)).toEqual(["a_1", "b_2"]);
    expect((first.body.pagination as Json).nextPage).toBeTruthy();
    expect(idsOf(second)).toEqual(["c_3"]);
    expect((second.body.pagination as Json).nextPage).toBeNull();
  });

  test("a list's query parameters that name a field filter it, and its links keep them", async () => {
    await send("POST", "/console/v1/gates", { name: "prod_1", tags: ["prod"] });
    await send("POST", "/console/v1/gates", { name: "dev_1", tags: ["dev"] });
    await send("POST", "/console/v1/gates", { name: "prod_2", tags: ["prod", "web"] });
    const prod = await send("GET", "/console/v1/gates?tags=prod&limit=1");
    expect(idsOf(prod)).toEqual(["prod_1"]);
    const next = String((prod.body.pagination as Json).nextPage);
    expect(new URL(next, "http://x").searchParams.get("tags")).toBe("prod");
    expect(idsOf(await send("GET", next))).toEqual(["prod_2"]);
    expect(idsOf(await send("GET", "/console/v1/gates?tags=none"))).toEqual([]);
    // A parameter that names no field of a gate changes nothing.
    expect(idsOf(await send("GET", "/console/v1/gates?notAField=1"))).toHaveLength(3);
    // Repeated, any of its values (the spec's own example lists two id types).
    expect(idsOf(await send("GET", "/console/v1/gates?tags=dev&tags=web"))).toEqual(["dev_1", "prod_2"]);
  });

  test("a create holds what it was given: no list gets the template's sample items", async () => {
    const created = dataOf(await send("POST", "/console/v1/gates", { name: "plain", tags: ["mine"] }));
    expect(created.tags).toEqual(["mine"]);
    expect(created.rules).toEqual([]);
    // The spec wraps a gate's rules in an item of the page: that item's list is empty.
    const rules = arraysIn((await send("GET", "/console/v1/gates/plain/rules")).body.data).slice(1);
    expect(rules.filter(([, list]) => list.length > 0)).toEqual([]);
    for (const family of families) {
      const made = await send("POST", family.collection, { name: `bare_${family.name}` });
      const lists = arraysIn(made.body.data);
      expect(
        lists.filter(([, list]) => list.length > 0),
        `${family.name}: lists with items`,
      ).toEqual([]);
    }
  });

  test("a full update keeps the name and creator; a PATCH stores only fields the entity has", async () => {
    await send("POST", "/console/v1/gates", { name: "kept", tags: ["a"] });
    const replaced = dataOf(await send("POST", "/console/v1/gates/kept", { description: "new", isEnabled: false }));
    expect(replaced).toMatchObject({ id: "kept", name: "kept", description: "new", isEnabled: false, tags: [] });
    expect(replaced.creatorName).toBe("CONSOLE API");
    const patched = dataOf(await send("PATCH", "/console/v1/gates/kept", { bogusField: 123, description: "p" }));
    expect(patched).not.toHaveProperty("bogusField");
    expect(dataOf(await send("GET", "/console/v1/gates/kept"))).not.toHaveProperty("bogusField");
  });

  test("an update stores what Prism let through as sent: a free-form object, a null", async () => {
    const withMaps = families.flatMap((family) =>
      Object.entries(family.template as Json)
        .filter(([, value]) => value !== null && typeof value === "object" && !Array.isArray(value))
        .map(([key]) => [family, key] as const),
    );
    expect(withMaps.length).toBeGreaterThan(0);
    for (const [family, key] of withMaps.filter(([f]) => f.merge)) {
      const name = `map_${family.name}`;
      const made = await send("POST", family.collection, { name });
      const id = String((made.body.data as Json | undefined)?.[family.param] ?? name);
      const item = family.item.replace(`{${family.param}}`, encodeURIComponent(id));
      await send("PATCH", item, { [key]: { free_form_probe: 2 }, description: null });
      const read = dataOf(await send("GET", item));
      expect(read[key], `${family.name}.${key}`).toEqual({ free_form_probe: 2 });
      if ("description" in read) expect(read.description, `${family.name}.description`).toBeNull();
    }
  });

  test("templates with as many parameters: the one with more literal segments first, as Prism routes", () => {
    const ordered = pathTemplates([{ template: "/m/{id}/experiments" }, { template: "/m/metric_source/{name}" }]);
    expect(ordered.map((t) => t.template)).toEqual(["/m/metric_source/{name}", "/m/{id}/experiments"]);
  });

  test("a path of the spec that a family's route would also match is served as itself, not as an item", async () => {
    const familyRoutes = pathTemplates(
      families.flatMap((f) => [f.collection, f.item].map((template) => ({ template }))),
    );
    const shadowed = Object.entries(spec.paths).filter(
      ([path, operations]) =>
        !path.includes("{") &&
        "get" in operations &&
        familyRoutes.some((route) => route.template !== path && route.pattern.test(path)),
    );
    for (const [path] of shadowed) {
      const answer = await send("GET", path);
      expect(answer.status, `GET ${path}`).not.toBe(404);
      expect(fake.requests().at(-1)?.path, `GET ${path}`).toBe(path);
    }
  });
});

/** Every array in a value, with its JSON path. */
function arraysIn(value: unknown, at = "$"): [string, unknown[]][] {
  if (Array.isArray(value)) return [[at, value], ...value.flatMap((item, i) => arraysIn(item, `${at}[${i}]`))];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, field]) => arraysIn(field, `${at}.${key}`));
}
