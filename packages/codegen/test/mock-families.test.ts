import { describe, expect, test } from "vitest";
import { buildCatalogue, deriveFamilies, loadOverlaidSpec } from "../src/index.js";
import { overlaysDir, specFile } from "./paths.js";

const row = (method: string, path: string, successStatus = 200) => ({
  method: method as "GET",
  path,
  pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
  successStatus,
});

describe("stateful mock families", () => {
  test("a collection POST with an item GET, update and DELETE is a family; the rest say why they are not", () => {
    const { families, coverage } = deriveFamilies([
      row("GET", "/console/v1/gates"),
      row("POST", "/console/v1/gates", 201),
      row("GET", "/console/v1/gates/{id}"),
      row("POST", "/console/v1/gates/{id}"),
      row("PATCH", "/console/v1/gates/{id}"),
      row("DELETE", "/console/v1/gates/{id}"),
      row("PUT", "/console/v1/gates/{id}/archive"),
      row("GET", "/console/v1/prompts"),
      row("POST", "/console/v1/prompts"),
      row("GET", "/console/v1/prompts/{id}"),
      row("PATCH", "/console/v1/prompts/{id}"),
      row("GET", "/console/v1/company"),
    ]);
    expect(families).toEqual([
      {
        name: "gates",
        collection: "/console/v1/gates",
        item: "/console/v1/gates/{id}",
        param: "id",
        create: { status: 201 },
        list: { status: 200 },
        read: { status: 200 },
        replace: { status: 200 },
        merge: { status: 200 },
        remove: { status: 200 },
      },
    ]);
    const served = coverage.map((r) => [`${r.method} ${r.path}`, r.role ?? r.reason]);
    expect(served).toEqual([
      ["GET /console/v1/gates", "list"],
      ["POST /console/v1/gates", "create"],
      ["GET /console/v1/gates/{id}", "read"],
      ["POST /console/v1/gates/{id}", "replace"],
      ["PATCH /console/v1/gates/{id}", "merge"],
      ["DELETE /console/v1/gates/{id}", "remove"],
      ["PUT /console/v1/gates/{id}/archive", "an action or part of gates items, not modelled yet"],
      ...[
        "GET /console/v1/prompts",
        "POST /console/v1/prompts",
        "GET /console/v1/prompts/{id}",
        "PATCH /console/v1/prompts/{id}",
      ].map((op) => [op, "not a family: /console/v1/prompts has a create and an item read, no item DELETE"]),
      ["GET /console/v1/company", expect.stringMatching(/^not a family/)],
    ]);
  });

  test("a collection GET that lists other entities than its items is not the family's list", () => {
    const rows = [
      row("GET", "/console/v1/metrics"),
      row("POST", "/console/v1/metrics"),
      row("GET", "/console/v1/metrics/{id}"),
      row("POST", "/console/v1/metrics/{id}"),
      row("DELETE", "/console/v1/metrics/{id}"),
    ];
    const { families, coverage } = deriveFamilies(rows, { listsItems: () => false });
    expect(families[0]?.list).toBeUndefined();
    expect(coverage[0]).toEqual({
      method: "GET",
      path: "/console/v1/metrics",
      reason: "lists other entities than its family's items (another schema)",
    });
  });

  test("on the vendored catalogue: one row per operation, each stateful or with a reason; families are complete", async () => {
    const operationCatalogue = buildCatalogue((await loadOverlaidSpec({ specFile, overlaysDir })).spec);
    const { families, coverage } = deriveFamilies(operationCatalogue);
    expect(coverage).toHaveLength(operationCatalogue.length);
    for (const r of coverage) expect(Boolean(r.role) !== Boolean(r.reason), `${r.method} ${r.path}`).toBe(true);
    expect(families.length).toBeGreaterThan(0);
    const ops = new Set(operationCatalogue.map((op) => `${op.method} ${op.path}`));
    for (const f of families) {
      expect(ops.has(`POST ${f.collection}`)).toBe(true);
      expect(ops.has(`GET ${f.item}`) && ops.has(`DELETE ${f.item}`)).toBe(true);
      expect(ops.has(`POST ${f.item}`) || ops.has(`PATCH ${f.item}`)).toBe(true);
    }
  });
});
