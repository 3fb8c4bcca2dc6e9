import { ConnectionError, createStatsigConsoleClient, unwrap } from "@org/statsig-console-client";
import { type StatefulPrismMock, startPrism } from "@org/statsig-console-mock";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ensureGate } from "../src/gates.js";

// A mock that remembers writes (Prism in front of an in-memory Console API): the whole flow, not one request.
let mock: StatefulPrismMock;
beforeAll(async () => {
  mock = await startPrism({ stateful: true });
});
afterAll(() => mock.stop());

test("the sync creates its gate with a rule once, then finds it; the gate is read, updated, listed, deleted", async () => {
  const client = createStatsigConsoleClient({ apiKey: "console-consumer-example", baseUrl: mock.url });
  const staff = {
    name: "staff",
    passPercentage: 100,
    conditions: [{ type: "email" as const, targetValue: ["@acme.com"] }],
  };

  expect(await ensureGate(client, "checkout_flow", [staff])).toEqual({ gate: "checkout_flow", outcome: "created" });
  expect(await ensureGate(client, "checkout_flow", [staff])).toEqual({ gate: "checkout_flow", outcome: "exists" });
  const creates = mock.requests().filter((r) => r.method === "POST" && r.path === "/console/v1/gates");
  expect(creates).toHaveLength(1);

  const path = { params: { path: { id: "checkout_flow" } } };
  const read = await unwrap(client.GET("/console/v1/gates/{id}", path));
  expect(read.data).toMatchObject({ id: "checkout_flow", description: "managed by gate-sync", rules: [staff] });
  // The API gave the rule an id: roll it out to half through the rule's own operation.
  const ruleID = String(read.data.rules[0]?.id);
  await unwrap(
    client.PATCH("/console/v1/gates/{id}/rules/{ruleID}", {
      params: { path: { id: "checkout_flow", ruleID } },
      body: { passPercentage: 50 },
    }),
  );
  await unwrap(client.PATCH("/console/v1/gates/{id}", { ...path, body: { description: "rolled out" } }));
  const listed = await unwrap(client.GET("/console/v1/gates", {}));
  // The rollout changed the percentage and kept the rest of the rule.
  expect(listed.data.map((gate) => [gate.id, gate.description, gate.rules[0]])).toEqual([
    ["checkout_flow", "rolled out", expect.objectContaining({ ...staff, passPercentage: 50 })],
  ]);
  await unwrap(client.DELETE("/console/v1/gates/{id}", path));
  const gone = await client.GET("/console/v1/gates/{id}", path);
  expect(gone.response.status).toBe(404);
});

test("a create whose answer is lost after it was applied: the next sync finds the gate, it is never created twice", async () => {
  mock.reset();
  mock.inject({ method: "POST", path: "/console/v1/gates", fault: "reset", afterApply: true });
  const client = createStatsigConsoleClient({ apiKey: "console-consumer-example", baseUrl: mock.url });

  // The client does not resend a create that may have been applied: the sync fails, and says so.
  const failed = await ensureGate(client, "lost_answer").catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(ConnectionError);
  expect(failed).toMatchObject({ mayHaveBeenApplied: true });
  // The next run reads before it creates.
  expect(await ensureGate(client, "lost_answer")).toEqual({ gate: "lost_answer", outcome: "exists" });
  const creates = mock.requests().filter((r) => r.method === "POST" && r.path === "/console/v1/gates");
  expect(creates).toHaveLength(1);
});
