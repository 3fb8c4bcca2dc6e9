import { operationCatalogue } from "@org/statsig-console-types";
import { describe, expect, test } from "vitest";
import { type CatalogueRow, entryIds, planWalk } from "../src/index.js";

const row = (method: string, path: string, extra: Partial<CatalogueRow> = {}): CatalogueRow => ({
  method,
  path,
  pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
  requiredQueryParams: [],
  paginated: false,
  ...extra,
});

describe("the walk plan", () => {
  test("GETs needing nothing but the key, each with the GET one parameter deeper; never a mutation", () => {
    const plan = planWalk([
      row("GET", "/console/v1/gates", { paginated: true }),
      row("POST", "/console/v1/gates"),
      row("GET", "/console/v1/gates/{id}"),
      row("DELETE", "/console/v1/gates/{id}"),
      row("GET", "/console/v1/gates/{id}/rules/{ruleId}"),
      row("GET", "/console/v1/users"),
      row("GET", "/console/v1/users/{email}"),
      row("GET", "/console/v1/reports", { requiredQueryParams: ["date"] }),
      row("GET", "/console/v1/company"),
      row("POST", "/console/v1/change_validation"),
    ]);
    expect(plan).toEqual([
      { path: "/console/v1/company", paginated: false },
      { path: "/console/v1/gates", paginated: true, item: { path: "/console/v1/gates/{id}", param: "id" } },
      { path: "/console/v1/users", paginated: false, item: { path: "/console/v1/users/{email}", param: "email" } },
    ]);
  });

  test("on the vendored spec's catalogue: every step and item is a GET the key alone can call", () => {
    const plan = planWalk(operationCatalogue);
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
