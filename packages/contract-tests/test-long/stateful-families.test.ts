import { families } from "@org/statsig-console-mock";
import { describe, expect, test } from "vitest";
import { useStatefulMock } from "../test/stateful-harness.js";

type Json = Record<string, unknown>;
const KEY = "console-stateful-families";

// Every family through Prism (about 100 requests and their checks): a long suite, run by `pnpm test:spec-flow`.
// `pnpm test` runs the gate's flow, faults and loads (test/stateful-stateful.mock().test.ts).
const stateful = useStatefulMock(KEY, { rateLimit: false });
const { violations } = stateful;
const client = () => stateful.client();

describe("every stateful family through the real client and Prism", () => {
  test.each(families.map((family) => [family.name, family] as const))(
    "%s: create, read, update, list, delete, 404 through Prism with 0 violations",
    async (_name, family) => {
      const api = client();
      const name = `stateful_${family.name}`;
      const body = {
        ...(family.examples?.create as Json),
        ...("name" in ((family.examples?.create as Json) ?? {}) || family.param === "name" ? { name } : {}),
      };
      const created = await api.request("post", family.collection, { body });
      expect(created.response.status, JSON.stringify(created.error)).toBe(family.create.status);
      const id = String(((created.data as Json).data as Json)[family.param]);
      const params = { path: { [family.param]: id } };
      expect((await api.request("get", family.item, { params })).response.status).toBe(family.read.status);
      if (family.merge) {
        const merged = await api.request("patch", family.item, { params, body: family.examples?.merge ?? {} });
        expect(merged.response.status, JSON.stringify(merged.error)).toBe(family.merge.status);
      }
      if (family.list) {
        const listed = await api.request("get", family.collection, {});
        expect(((listed.data as Json).data as Json[]).map((e) => e[family.param])).toEqual([id]);
      }
      expect((await api.request("delete", family.item, { params })).response.status).toBe(family.remove.status);
      expect((await api.request("get", family.item, { params })).response.status).toBe(404);
      expect(violations).toEqual([]);
    },
  );
});
