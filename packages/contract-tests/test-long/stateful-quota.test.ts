import { expect, test } from "vitest";
import { useStatefulMock } from "../test/stateful-harness.js";

// A long suite (`pnpm test:spec-flow`): one more Prism start. The quota gate's own tests run in the mock package.
// Small windows, so a test fills them in a few requests; the client is given the same ones.
const windows = [{ limit: 3, intervalMs: 400 }];
const stateful = useStatefulMock("console-quota-test", {}, { quota: { windows } });

test("the client paced by the same windows is never throttled by the mock's quota", async () => {
  const api = stateful.client({ rateLimit: { windows } });
  const names = Array.from({ length: 7 }, (_, i) => `paced_gate_${i}`);
  const created = await Promise.all(names.map((name) => api.POST("/console/v1/gates", { body: { name } })));
  expect(created.map((c) => c.response.status)).toEqual(names.map(() => 201));
  expect(stateful.mock().throttled()).toEqual([]);
  expect(stateful.violations).toEqual([]);
});

test("a burst past the windows gets 429 without Retry-After, the refused attempts are listed and never applied", async () => {
  const api = stateful.client({ rateLimit: false });
  const names = Array.from({ length: 5 }, (_, i) => `burst_gate_${i}`);
  // Without retries a refused call is a result, as any error status is: the caller decides.
  const answers = await Promise.all(names.map((name) => api.POST("/console/v1/gates", { body: { name } })));
  expect(answers.map((a) => a.response.status).sort()).toEqual([201, 201, 201, 429, 429]);
  for (const refused of answers.filter((a) => a.response.status === 429)) {
    expect(refused.response.headers.get("retry-after")).toBeNull();
  }
  expect(stateful.mock().throttled()).toEqual([
    { method: "POST", path: "/console/v1/gates", status: 429 },
    { method: "POST", path: "/console/v1/gates", status: 429 },
  ]);
  // Only the admitted creates reached the API; reads are never counted.
  expect(stateful.mock().requests()).toHaveLength(3);
  const listed = await api.GET("/console/v1/gates", {});
  expect(listed.data?.data).toHaveLength(3);
});
