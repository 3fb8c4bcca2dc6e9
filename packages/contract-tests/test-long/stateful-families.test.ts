import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { families, type StatefulPrismMock, startPrism } from "@org/statsig-console-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";

type Json = Record<string, unknown>;
const KEY = "console-stateful-families";

// Every family through Prism (about 100 requests and their checks): a long suite, run by `pnpm test:spec-flow`.
// `pnpm test` runs the gate's flow, faults and loads (test/stateful-mock.test.ts).
const violations: string[] = [];
const watched = (request: Request) =>
  fetch(request).then((response) => {
    const found = response.headers.get("sl-violations");
    if (found) violations.push(`${request.method} ${new URL(request.url).pathname}: ${found}`);
    return response;
  });

let mock: StatefulPrismMock;
beforeAll(async () => {
  mock = await startPrism({ stateful: true });
});
afterAll(() => mock.stop());
beforeEach(() => {
  mock.reset();
  violations.length = 0;
});

const client = () =>
  createStatsigConsoleClient({ apiKey: KEY, baseUrl: mock.url, retry: false, rateLimit: false, fetch: watched });

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
