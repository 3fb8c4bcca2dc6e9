import { expect, test } from "vitest";
import { quotaOf, windowWait } from "../src/quota-windows.js";

const windows = [
  { limit: 2, intervalMs: 100 },
  { limit: 3, intervalMs: 1000 },
];

test("windowWait: 0 while every window has room, else until the oldest counted time leaves the fullest window", () => {
  expect(windowWait([], windows, 0)).toBe(0);
  expect(windowWait([0], windows, 10)).toBe(0);
  // Two in the last 100 ms: the first leaves the short window at 101.
  expect(windowWait([0, 50], windows, 60)).toBe(41);
  // Three in the last second: the long window decides, though the short one has room.
  expect(windowWait([0, 200, 400], windows, 500)).toBe(501);
  // Times older than every window are ignored.
  expect(windowWait([-5000, -4000, -3000], windows, 0)).toBe(0);
});

test("windowWait: pending requests take room; when only they fill a window, the wait is unknown (Infinity)", () => {
  expect(windowWait([], windows, 0, 1)).toBe(0);
  expect(windowWait([], windows, 0, 2)).toBe(Number.POSITIVE_INFINITY);
  expect(windowWait([0], windows, 10, 1)).toBe(91);
});

test("quotaOf: reads are free; a segment's id_list PATCH and DELETE have their own quota, from a path or a template", () => {
  expect(quotaOf("GET", "/console/v1/gates")).toBeUndefined();
  expect(quotaOf("post", "/console/v1/gates")).toBe("mutations");
  expect(quotaOf("PATCH", "/console/v1/segments/{id}/id_list")).toBe("segments");
  expect(quotaOf("DELETE", "/proxy/console/v1/segments/beta/id_list/")).toBe("segments");
  expect(quotaOf("POST", "/console/v1/segments/beta/id_list")).toBe("mutations");
});
