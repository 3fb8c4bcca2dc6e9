import { families } from "@org/statsig-console-mock";
import { expect, test } from "vitest";
import { useStatefulMock } from "../test/stateful-harness.js";

type Json = Record<string, unknown>;

// 2,000 requests through Prism: this suite runs in `pnpm test:spec-flow` (the long suites), not in `pnpm test`.
// No client-side quota: 1,300 mutations would wait out Statsig's 900-per-15-minutes window.
const stateful = useStatefulMock("console-sequence-test", { rateLimit: false });
const { violations } = stateful;
const api = () => stateful.client();

test("a seeded random sequence of 2,000 operations over the stateful families: state holds, 0 violations", async () => {
  const client = api();
  let seed = 20261205;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  // What the test believes exists, by family: the mock must agree at every read, update, delete and list.
  const existing = new Map(families.map((family) => [family.name, new Set<string>()]));
  const counts: Record<string, number> = {};
  // The few families with actions (the rules table's) come up four times as often, so their actions are many.
  const ruled = families.filter((family) => family.rules?.actions);
  const pool = [...families, ...ruled, ...ruled, ...ruled];
  let sent = 0;
  while (sent < 2000) {
    const family = pick(pool);
    const known = existing.get(family.name) as Set<string>;
    const name = `seq_${family.name}_${Math.floor(random() * 8)}`;
    const id = known.size > 0 && random() < 0.8 ? pick([...known]) : name;
    const params = { path: { [family.param]: id } };
    const roll = random();
    let kind: string;
    // A name already taken is not sent: the rules table answers it 400, which some creates (gates) do not declare.
    if (roll < 0.3 && !known.has(name)) {
      kind = "create";
      const body = { ...(family.examples?.create as Json), name };
      const created = await client.request("post", family.collection, { body });
      expect(created.response.status, `${family.name} create ${name}`).toBe(family.create.status);
      known.add(String(((created.data as Json).data as Json)[family.param]));
    } else if (roll < 0.55) {
      kind = "read";
      const read = await client.request("get", family.item, { params });
      expect(read.response.status, `${family.name} read ${id}`).toBe(known.has(id) ? family.read.status : 404);
    } else if (roll < 0.75 && family.merge) {
      kind = "merge";
      const merged = await client.request("patch", family.item, { params, body: family.examples?.merge ?? {} });
      expect(merged.response.status, `${family.name} merge ${id}`).toBe(known.has(id) ? family.merge.status : 404);
    } else if (roll < 0.8 && family.rules?.actions) {
      // The rules table's actions (enable, archive, ...): applied to what exists, 404 otherwise.
      kind = "action";
      const [action, rule] = pick(Object.entries(family.rules.actions));
      const method = rule.method.toLowerCase() as "put";
      const init = rule.requestBody ? { params, body: {} } : { params };
      const acted = await client.request(method, `${family.item}/${action}`, init as never);
      expect(acted.response.status, `${family.name} ${action} ${id}`).toBe(known.has(id) ? rule.status : 404);
    } else if (roll < 0.9) {
      kind = "remove";
      const removed = await client.request("delete", family.item, { params });
      expect(removed.response.status, `${family.name} delete ${id}`).toBe(known.has(id) ? family.remove.status : 404);
      known.delete(id);
    } else if (family.list) {
      kind = "list";
      const listed = await client.request("get", family.collection, { params: { query: { limit: 100 } } });
      const ids = ((listed.data as Json).data as Json[]).map((entity) => String(entity[family.param]));
      expect(new Set(ids), `${family.name} list`).toEqual(known);
    } else continue;
    counts[kind] = (counts[kind] ?? 0) + 1;
    sent++;
  }
  // Every kind of operation, many times over.
  for (const kind of ["create", "read", "merge", "remove", "list"]) expect(counts[kind]).toBeGreaterThan(100);
  expect(counts.action).toBeGreaterThan(20);
  expect(violations).toEqual([]);
}, 300_000);
