import { expect, test } from "vitest";
import { createQuotaGate } from "../src/quota-gate.js";

// A clock the test moves: the gate's decisions depend on time alone.
function gate(options: Parameters<typeof createQuotaGate>[0]) {
  let now = 0;
  const quota = createQuotaGate(options, () => now);
  return { quota, at: (ms: number) => (now = ms) };
}

test("a refused attempt counts in the window, as the live API counts it", () => {
  const { quota, at } = gate({ windows: [{ limit: 3, intervalMs: 1000 }] });
  at(0);
  expect([1, 2, 3].map(() => quota.admit("POST", "/console/v1/gates"))).toEqual([true, true, true]);
  at(10);
  expect(quota.admit("PATCH", "/console/v1/gates/a")).toBe(false);
  at(500);
  expect(quota.admit("DELETE", "/console/v1/gates/a")).toBe(false);
  // The first three have left the window; the two refused ones have not, so only one more fits.
  at(1001);
  expect(quota.admit("POST", "/console/v1/gates")).toBe(true);
  expect(quota.admit("POST", "/console/v1/gates")).toBe(false);
  // Reads have no published limit.
  expect(quota.admit("GET", "/console/v1/gates")).toBe(true);
});

test("every window holds at once, and a segment's id_list has windows of its own", () => {
  const { quota, at } = gate({
    windows: [
      { limit: 2, intervalMs: 100 },
      { limit: 3, intervalMs: 10_000 },
    ],
    segmentWindows: [{ limit: 1, intervalMs: 100 }],
  });
  at(0);
  expect(quota.admit("POST", "/console/v1/gates")).toBe(true);
  expect(quota.admit("POST", "/console/v1/gates")).toBe(true);
  at(101);
  expect(quota.admit("POST", "/console/v1/gates")).toBe(true);
  at(202);
  // The short window has room; the long one does not.
  expect(quota.admit("POST", "/console/v1/gates")).toBe(false);
  expect(quota.admit("PATCH", "/console/v1/segments/s/id_list")).toBe(true);
  expect(quota.admit("DELETE", "/console/v1/segments/s/id_list")).toBe(false);
  // A segment's other operations draw from the mutations' quota.
  expect(quota.admit("POST", "/console/v1/segments/s/id_list")).toBe(false);
  quota.clear();
  expect(quota.admit("POST", "/console/v1/gates")).toBe(true);
});

test("the documented windows by default; a window that cannot work is refused in one line", () => {
  const { quota, at } = gate({});
  at(0);
  const admitted = Array.from({ length: 101 }, () => quota.admit("POST", "/console/v1/gates"));
  expect(admitted.filter(Boolean)).toHaveLength(100);
  expect(admitted[100]).toBe(false);
  expect(() => createQuotaGate({ windows: [{ limit: 0, intervalMs: 10 }] })).toThrow(
    'quota: windows must be windows { limit >= 1, intervalMs > 0 }, got [{"limit":0,"intervalMs":10}]',
  );
  expect(() => createQuotaGate({ segmentWindows: [] })).toThrow(/^quota: segmentWindows must be/);
});
