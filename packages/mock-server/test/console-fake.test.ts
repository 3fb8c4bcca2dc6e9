import { readFileSync } from "node:fs";
import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { createValidator } from "@org/statsig-console-codegen";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startConsoleFake } from "../src/console-fake.js";
import { families } from "../src/generated/families.js";

type Json = Record<string, unknown>;
// The overlaid spec the mock ships: each answer of the fake must be one the spec declares (Prism will check too).
const spec = JSON.parse(
  readFileSync(new URL("../../types/src/generated/openapi.json", import.meta.url), "utf8"),
) as Json & { paths: Record<string, Record<string, { responses: Record<string, Json> }>> };
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
  fake = await startConsoleFake();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const client = () => createStatsigConsoleClient({ apiKey: "console-fake-test", baseUrl: fake.url, retry: false });

describe("the in-memory Console API behind the stateful mock", () => {
  test("a gate's life through the client: create, read back, update, find in the list, replace, delete, then 404", async () => {
    const api = client();
    const created = await api.POST("/console/v1/gates", {
      body: { name: "checkout_v2", description: "new checkout", rules: [] },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.data).toMatchObject({ id: "checkout_v2", name: "checkout_v2", description: "new checkout" });

    const read = await api.GET("/console/v1/gates/{id}", { params: { path: { id: "checkout_v2" } } });
    expect(read.data?.data).toEqual(created.data?.data);

    const patched = await api.PATCH("/console/v1/gates/{id}", {
      params: { path: { id: "checkout_v2" } },
      body: { description: "checkout, second try" },
    });
    expect(patched.data?.data).toMatchObject({ id: "checkout_v2", description: "checkout, second try" });

    const listed = await api.GET("/console/v1/gates", {});
    expect(listed.data?.data.map((gate) => gate.id)).toEqual(["checkout_v2"]);

    const removed = await api.DELETE("/console/v1/gates/{id}", { params: { path: { id: "checkout_v2" } } });
    expect(removed.response.status).toBe(200);
    const gone = await api.GET("/console/v1/gates/{id}", { params: { path: { id: "checkout_v2" } } });
    expect(gone.response.status).toBe(404);

    expect(fake.requests()).toEqual([
      { method: "POST", path: "/console/v1/gates", status: 201 },
      { method: "GET", path: "/console/v1/gates/{id}", status: 200 },
      { method: "PATCH", path: "/console/v1/gates/{id}", status: 200 },
      { method: "GET", path: "/console/v1/gates", status: 200 },
      { method: "DELETE", path: "/console/v1/gates/{id}", status: 200 },
      { method: "GET", path: "/console/v1/gates/{id}", status: 404 },
    ]);
  });

  test.each(families.map((family) => [family.name, family] as const))(
    "%s: create, read, update, list, delete, 404; every answer one the spec declares",
    async (_name, family) => {
      const send = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${fake.url}${path}`, {
          method,
          headers: { "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (await response.json()) as Json };
      };
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
    const api = client();
    await api.POST("/console/v1/gates", { body: { name: "taken" } });
    const again = await api.POST("/console/v1/gates", { body: { name: "taken" } });
    expect(again.response.status).toBe(400);
    expect(again.error).toMatchObject({ message: expect.stringMatching(/already exists/) });
    const action = await api.PUT("/console/v1/gates/{id}/archive", { params: { path: { id: "taken" } }, body: {} });
    expect(action.response.status).toBe(501);
    fake.reset();
    expect(fake.requests()).toEqual([]);
    const read = await api.GET("/console/v1/gates/{id}", { params: { path: { id: "taken" } } });
    expect(read.response.status).toBe(404);
  });

  test("lists page over what exists", async () => {
    const api = client();
    for (const name of ["a", "b", "c"]) await api.POST("/console/v1/gates", { body: { name } });
    const first = await api.GET("/console/v1/gates", { params: { query: { limit: 2, page: 1 } } });
    const second = await api.GET("/console/v1/gates", { params: { query: { limit: 2, page: 2 } } });
    expect(first.data?.data.map((g) => g.id)).toEqual(["a", "b"]);
    expect(first.data?.pagination?.nextPage).toBeTruthy();
    expect(second.data?.data.map((g) => g.id)).toEqual(["c"]);
    expect(second.data?.pagination?.nextPage).toBeNull();
  });
});
