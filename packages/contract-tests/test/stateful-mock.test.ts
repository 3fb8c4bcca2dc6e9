import { ConnectionError } from "@org/statsig-console-client";
import { families, sampledAnswers } from "@org/statsig-console-mock";
import { operationCatalogue } from "@org/statsig-console-types";
import { describe, expect, test } from "vitest";
import { typedCalls } from "../src/generated/index.js";
import { typedCallFor } from "../src/typed-call.js";
import { useStatefulMock } from "./stateful-harness.js";

type Json = Record<string, unknown>;
const KEY = "console-stateful-test";

const stateful = useStatefulMock(KEY);
const { violations } = stateful;
const client = () => stateful.client();

describe("startPrism({ stateful: true }): Prism in front of an in-memory Console API", () => {
  test("a gate's life through the client: created once, read back, updated, listed, deleted, then 404; 0 violations", async () => {
    const api = client();
    const created = await api.POST("/console/v1/gates", { body: { name: "checkout_v2", description: "new" } });
    expect(created.response.status).toBe(201);
    const read = await api.GET("/console/v1/gates/{id}", { params: { path: { id: "checkout_v2" } } });
    expect(read.data?.data).toMatchObject({ id: "checkout_v2", description: "new" });
    await api.PATCH("/console/v1/gates/{id}", { params: { path: { id: "checkout_v2" } }, body: { description: "v2" } });
    const listed = await api.GET("/console/v1/gates", {});
    expect(listed.data?.data.map((g) => [g.id, g.description])).toEqual([["checkout_v2", "v2"]]);
    await api.DELETE("/console/v1/gates/{id}", { params: { path: { id: "checkout_v2" } } });
    const gone = await api.GET("/console/v1/gates/{id}", { params: { path: { id: "checkout_v2" } } });
    expect(gone.response.status).toBe(404);
    expect(
      stateful
        .mock()
        .requests()
        .filter((r) => r.method === "POST" && r.path === "/console/v1/gates"),
    ).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  test("what no family serves is mocked by Prism from the spec (the in-memory API answers 501)", async () => {
    const company = await client().GET("/console/v1/company");
    expect(company.response.status).toBe(200);
    expect(stateful.mock().requests()).toEqual([{ method: "GET", path: "/console/v1/company", status: 501 }]);
    expect(violations).toEqual([]);
  });
});

describe("faults, injected in front of Prism", () => {
  test("an answer lost after the create was applied: the client does not send it again, and the gate exists", async () => {
    stateful.mock().inject({ method: "POST", path: "/console/v1/gates", fault: "reset", afterApply: true });
    // The client's own retries on: it must still not send the create again.
    const api = stateful.client({ retry: { maxRetries: 2 } });
    const lost = await api
      .POST("/console/v1/gates", { body: { name: "lost_answer" } })
      .catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(ConnectionError);
    expect(lost).toMatchObject({ mayHaveBeenApplied: true });
    const read = await api.GET("/console/v1/gates/{id}", { params: { path: { id: "lost_answer" } } });
    expect(read.response.status).toBe(200);
    expect(stateful.mock().requests()).toEqual([
      { method: "POST", path: "/console/v1/gates", status: 201 },
      { method: "GET", path: "/console/v1/gates/{id}", status: 200 },
    ]);
  });

  test("a 429 without Retry-After (as Statsig answers) before the write: nothing applied; times counts down", async () => {
    stateful.mock().inject({ method: "POST", path: "/console/v1/gates", fault: "status", status: 429, times: 2 });
    const api = stateful.client();
    for (const attempt of [1, 2]) {
      const limited = await api.POST("/console/v1/gates", { body: { name: "limited_gate" } });
      expect(limited.response.status, `attempt ${attempt}`).toBe(429);
      expect(limited.response.headers.get("retry-after")).toBeNull();
    }
    expect(stateful.mock().requests()).toEqual([]);
    const third = await api.POST("/console/v1/gates", { body: { name: "limited_gate" } });
    expect(third.response.status).toBe(201);
  });

  test("a fault for a path the spec does not have is refused, naming the template to use", () => {
    expect(() => stateful.mock().inject({ method: "GET", path: "/console/v1/gates/checkout", fault: "reset" })).toThrow(
      /not a path of the spec .*\/console\/v1\/gates\/\{id\}/,
    );
  });
});

describe("loading entities", () => {
  const gateFamily = families.find((family) => family.name === "gates");
  const gate = (fields: Json) => ({ ...(gateFamily?.template as Json), ...fields });

  test("loaded gates are there to read, list, update and delete; loading sends no request of the test's", async () => {
    await stateful.mock().load({
      gates: [gate({ id: "seeded_a", name: "seeded_a" }), gate({ id: "seeded_b", name: "seeded_b" })] as never,
    });
    const api = client();
    const listed = await api.GET("/console/v1/gates", {});
    expect(listed.data?.data.map((g) => g.id)).toEqual(["seeded_a", "seeded_b"]);
    expect(stateful.mock().requests()).toEqual([{ method: "GET", path: "/console/v1/gates", status: 200 }]);
    expect(violations).toEqual([]);
  });

  test("an entity that does not match the spec is refused in one line, and nothing of that load stays", async () => {
    const bad = stateful.mock().load({
      gates: [
        gate({ id: "fine_gate", name: "fine_gate" }),
        gate({ id: "bad_gate", name: "bad_gate", isEnabled: "yes" }),
      ] as never,
    });
    await expect(bad).rejects.toThrow(/^load: gates\[1\] \(bad_gate\) does not match the spec: .*isEnabled/);
    const read = await client().GET("/console/v1/gates/{id}", { params: { path: { id: "fine_gate" } } });
    expect(read.response.status).toBe(404);
    await expect(stateful.mock().load({ gates: [{ name: "no id" }] as never })).rejects.toThrow(
      "load: gates[0] has no id, which names it in /console/v1/gates/{id}",
    );
  });
});

describe("the live API's own rules (the mock's rules table), through Prism", () => {
  test("a gate named by its name, enabled, disabled, archived, unarchived and launched; 0 violations", async () => {
    const api = client();
    const created = await api.POST("/console/v1/gates", { body: { name: "Checkout V3", isEnabled: false } });
    expect(created.data?.data).toMatchObject({ id: "checkout_v3", name: "Checkout V3", creatorName: "CONSOLE API" });
    const path = { params: { path: { id: "checkout_v3" } } };
    const read = async () => (await api.GET("/console/v1/gates/{id}", path)).data?.data;

    await api.PUT("/console/v1/gates/{id}/enable", path);
    expect(await read()).toMatchObject({ isEnabled: true, lastModifierName: "CONSOLE API" });
    await api.PUT("/console/v1/gates/{id}/disable", path);
    expect((await read())?.isEnabled).toBe(false);
    const status = (await read())?.status;
    const archived = await api.PUT("/console/v1/gates/{id}/archive", { ...path, body: { archiveReason: "done" } });
    expect(archived.data?.data).toMatchObject({ status: "Archived", isEnabled: false });
    await api.PUT("/console/v1/gates/{id}/unarchive", { ...path, body: {} });
    expect((await read())?.status).toBe(status);
    await api.PUT("/console/v1/gates/{id}/launch", path);
    expect((await read())?.status).toBe("Launched");

    // A second create of the same name is refused; the spec declares no 400 for it, and Prism says so.
    const again = await api.POST("/console/v1/gates", { body: { name: "checkout v3" } });
    expect(again.response.status).toBe(400);
    expect(violations.splice(0)).toEqual([
      expect.stringMatching(/^POST \/console\/v1\/gates: .*Unable to match the returned status code/),
    ]);
    expect(violations).toEqual([]);
  });
});

describe("parts of an item (a gate's rules), through Prism", () => {
  test("a gate with a rule: the rule gets an id; rules added, updated, listed and deleted; 0 violations", async () => {
    const api = client();
    const rule = {
      name: "employees",
      passPercentage: 100,
      conditions: [{ type: "email" as const, targetValue: ["@acme.com"] }],
    };
    const created = await api.POST("/console/v1/gates", { body: { name: "ruled_gate", rules: [rule] } });
    const first = created.data?.data.rules[0];
    expect(first).toMatchObject({ ...rule, id: expect.stringMatching(/^[0-9A-Za-z]{22}$/) });
    const id = { id: "ruled_gate" };

    const added = await api.POST("/console/v1/gates/{id}/rules", {
      params: { path: id },
      body: { rules: [{ ...rule, name: "everyone", conditions: [{ type: "public" as const }] }] },
    });
    expect(added.data?.data.rules.map((r) => r.name)).toEqual(["employees", "everyone"]);
    const ruleID = String(first?.id);
    await api.PATCH("/console/v1/gates/{id}/rules/{ruleID}", {
      params: { path: { ...id, ruleID } },
      body: { passPercentage: 50 },
    });
    // The update changed the percentage and kept the rest of the rule.
    const updated = await api.GET("/console/v1/gates/{id}", { params: { path: id } });
    expect(updated.data?.data.rules[0]).toEqual({ ...first, passPercentage: 50 });
    const listed = await api.GET("/console/v1/gates/{id}/rules", { params: { path: id } });
    expect(listed.data?.data).toEqual([
      { rules: [expect.objectContaining({ id: ruleID, passPercentage: 50 }), expect.anything()] },
    ]);
    const removed = await api.DELETE("/console/v1/gates/{id}/rules/{ruleID}", { params: { path: { ...id, ruleID } } });
    expect(removed.data?.data.rules.map((r) => r.name)).toEqual(["everyone"]);
    const again = await api.DELETE("/console/v1/gates/{id}/rules/{ruleID}", { params: { path: { ...id, ruleID } } });
    expect(again.response.status).toBe(404);
    expect(violations).toEqual([]);
  });
});

describe("operations that answer from the spec, where its examples fail their own schema", () => {
  // Prism (--errors) would turn such an example into a 500: the mock answers a body built from the schema instead.
  const sampled = operationCatalogue.filter((op) => `${op.method} ${op.path}` in sampledAnswers);

  test("each answers 2xx with a body Prism finds valid, and touches no state", async () => {
    expect(sampled.length).toBe(Object.keys(sampledAnswers).length);
    const api = client();
    for (const op of sampled) {
      const answer = await api.request(op.method.toLowerCase() as "get", op.path, typedCallFor(typedCalls, op).request);
      expect(answer.response.status, `${op.method} ${op.path}: ${JSON.stringify(answer.error)}`).toBe(op.successStatus);
    }
    expect(violations).toEqual([]);
    expect(
      stateful
        .mock()
        .requests()
        .map((r) => r.status),
    ).toEqual(sampled.map((op) => op.successStatus));
  });
});
