import { operationCatalogue } from "@org/statsig-console-types";
import { describe, expect, test } from "vitest";
import { entryIds, walkPlan } from "../src/index.js";

describe("the walk plan", () => {
  test("generated from the vendored spec's catalogue: every step and item is a GET the key alone can call", () => {
    const plan = walkPlan;
    const gets = new Map(operationCatalogue.filter((op) => op.method === "GET").map((op) => [op.path, op]));
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.some((step) => step.item)).toBe(true);
    for (const step of plan) {
      expect(gets.get(step.path)?.pathParams).toEqual([]);
      expect(gets.get(step.path)?.requiredQueryParams).toEqual([]);
      if (step.item) {
        expect(step.item.path).toBe(`${step.path}/{${step.item.param}}`);
        expect(gets.get(step.item.path)?.requiredQueryParams).toEqual([]);
      }
    }
  });

  test("entry ids: from an envelope's data or a bare array, at most max, entries without the field passed over", () => {
    const body = { message: "ok", data: [{ id: "a" }, { name: "no id" }, { id: 7 }, { id: "c" }] };
    expect(entryIds(body, "id", 10)).toEqual(["a", "7", "c"]);
    expect(entryIds(body, "id", 2)).toEqual(["a", "7"]);
    expect(entryIds([{ email: "x@example.com" }], "email", 5)).toEqual(["x@example.com"]);
    expect(entryIds({ message: "ok", data: { id: "a" } }, "id", 5)).toEqual([]);
    expect(entryIds(null, "id", 5)).toEqual([]);
  });
});
