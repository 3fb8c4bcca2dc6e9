import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { diffSpecFiles, diffSpecs, overallLevel, renderChangeset, renderMarkdown, repoLayout } from "../src/index.js";
import { repoRoot, spec2024, spec2025 } from "./paths.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate spec JSON by known paths
type Json = Record<string, any>;

describe("2024-08 release -> 2025-10 release (fixtures)", async () => {
  const changes = await diffSpecFiles(repoLayout(repoRoot), spec2024, spec2025);
  const find = (what: string) => changes.filter((c) => c.what === what).map((c) => `${c.method} ${c.path}`);

  test("4 operations removed, 91 added", () => {
    expect(find("operation removed").sort()).toEqual(
      [
        "GET /console/v1/experiments/{experimentName}/exposures",
        "PATCH /console/v1/dynamic_configs/{id}/rules",
        "POST /console/v1/dynamic_configs/{id}/rule",
        "POST /console/v1/dynamic_configs/{id}/rules",
      ].sort(),
    );
    expect(find("operation added")).toHaveLength(91);
  });

  test("the path parameter of /console/v1/users/{id} renamed to {email} (GET and POST)", () => {
    const renamed = changes.filter((c) => c.what.startsWith("path parameter {id} renamed to {email}"));
    expect(renamed.map((c) => `${c.level} ${c.method} ${c.path}`).sort()).toEqual([
      "major GET /console/v1/users/{email}",
      "major POST /console/v1/users/{email}",
    ]);
  });

  test("POST /console/v1/gates answers 201 instead of 200, and the whole change is major", () => {
    expect(changes).toContainEqual(
      expect.objectContaining({
        level: "major",
        method: "POST",
        path: "/console/v1/gates",
        what: "success status changed from 200 to 201",
      }),
    );
    expect(overallLevel(changes)).toBe("major");
  });

  test("the report groups by tag and the changeset lists one line per change", () => {
    const markdown = renderMarkdown(changes);
    expect(markdown).toMatch(/Overall: \*\*major \(breaking\)\*\*/);
    expect(markdown).toMatch(/^## Gates$/m);
    const changeset = renderChangeset(changes, ["@org/a", "@org/b"], "Spec updated.") ?? "";
    expect(changeset.startsWith('---\n"@org/a": major\n"@org/b": major\n---\n')).toBe(true);
    expect(changeset.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(changes.length);
  });
});

describe("classification", () => {
  const base = () => JSON.parse(readFileSync(spec2025, "utf8")) as Json;
  const levelOf = (mutate: (s: Json) => void) => {
    const after = base();
    mutate(after);
    return diffSpecs(base(), after).map((c) => `${c.level}: ${c.what}`);
  };
  const gateCreate = (s: Json) => s.components.schemas.GateCreateDto;
  const gateDto = (s: Json) => s.components.schemas.ExternalGateDto;

  test("an identical spec has no changes", () => {
    expect(diffSpecs(base(), base())).toEqual([]);
  });
  test("documentation only is patch", () => {
    const changes = levelOf((s) => {
      s.paths["/console/v1/gates"].get.summary = "List all gates";
    });
    expect(changes).toEqual(["patch: summary changed"]);
  });
  test("an optional request field or a response field added is minor", () => {
    expect(levelOf((s) => (gateCreate(s).properties.emoji = { type: "string" }))).toContain(
      "minor: request field body.emoji added",
    );
    expect(levelOf((s) => (gateDto(s).properties.emoji = { type: "string" }))).toContain(
      "minor: response field response.data.emoji added",
    );
  });
  test("a request field newly required, removed, or of another type is major", () => {
    expect(levelOf((s) => (gateCreate(s).required = ["name", "description"]))).toContain(
      "major: request field body.description is now required",
    );
    expect(levelOf((s) => delete gateCreate(s).properties.description)).toContain(
      "major: request field body.description removed",
    );
    expect(levelOf((s) => (gateCreate(s).properties.description = { type: "number" }))).toContain(
      "major: body.description: type changed from string to number",
    );
  });
  test("a response field removed or no longer required is major", () => {
    expect(levelOf((s) => delete gateDto(s).properties.isEnabled)).toContain(
      "major: response field response.data.isEnabled removed",
    );
    expect(
      levelOf((s) => {
        gateDto(s).required = gateDto(s).required.filter((n: string) => n !== "isEnabled");
      }),
    ).toContain("major: response field response.data.isEnabled is no longer guaranteed (now optional)");
  });
  test("an enum narrowed is major, widened is minor", () => {
    const type = (s: Json) =>
      (s.paths["/console/v1/gates"].get.parameters as Json[]).find((p) => p.name === "type")?.schema;
    expect(levelOf((s) => type(s).enum.pop())).toEqual(['major: query type: enum narrowed (removed "TEMPLATE")']);
    expect(levelOf((s) => type(s).enum.push("ARCHIVED"))).toEqual([
      'minor: query type: enum values added ("ARCHIVED")',
    ]);
  });
  test("a new required query parameter, a removed one, a new required body, a changed media type are major", () => {
    expect(
      levelOf((s) =>
        s.paths["/console/v1/gates"].get.parameters.push({
          name: "q",
          in: "query",
          required: true,
          schema: { type: "string" },
        }),
      ),
    ).toEqual(["major: new required query parameter q"]);
    expect(levelOf((s) => s.paths["/console/v1/gates"].get.parameters.shift())).toEqual([
      "major: query parameter idType removed",
    ]);
    expect(
      levelOf((s) => {
        s.paths["/console/v1/gates/{id}/enable"].put.requestBody = {
          required: true,
          content: { "application/json": { schema: { type: "object" } } },
        };
      }),
    ).toContain("major: new required request body");
    expect(
      levelOf((s) => {
        const ok = s.paths["/console/v1/gates"].get.responses["200"];
        ok.content = { "text/csv": ok.content["application/json"] };
      }),
    ).toEqual(["major: response media type changed from application/json to text/csv"]);
  });
});
