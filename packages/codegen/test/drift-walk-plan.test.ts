import { describe, expect, test } from "vitest";
import { type OperationEntry, planWalk } from "../src/index.js";

type Row = Pick<OperationEntry, "method" | "path" | "pathParams" | "requiredQueryParams" | "paginated">;
const row = (method: string, path: string, extra: Partial<Row> = {}): Row => ({
  method: method as Row["method"],
  path,
  pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
  requiredQueryParams: [],
  paginated: false,
  ...extra,
});

describe("the drift walk plan the generator writes", () => {
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
});
