import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const root = new URL("../../../", import.meta.url).pathname;
type Step = { run?: string; uses?: string; with?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };
const load = (name: string) => parse(readFileSync(`${root}.github/workflows/${name}`, "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
const runs = (w: Workflow) =>
  steps(w)
    .map((s) => s.run ?? "")
    .join("\n");
const pnpmVersion = (
  JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { packageManager: string }
).packageManager.split("@")[1];

describe("GitHub workflows", () => {
  test.each(["ci.yml", "spec-update.yml", "release.yml"])(
    "%s parses, installs the pinned pnpm without corepack, and installs frozen",
    (name) => {
      const workflow = load(name);
      expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
      expect(runs(workflow)).toContain(`npm install -g pnpm@${pnpmVersion}`);
      expect(runs(workflow)).toContain("pnpm install --frozen-lockfile");
      expect(runs(workflow)).not.toContain("corepack");
    },
  );

  test("ci.yml: generate --check, build, lint, typecheck, tests", () => {
    const text = runs(load("ci.yml"));
    for (const command of ["generate:check", "pnpm build", "pnpm lint", "pnpm typecheck", "pnpm test"])
      expect(text).toContain(command);
    // The Redis quota store's tests run a real redis-server.
    expect(text).toMatch(/apt-get install -y .*redis-server/);
  });

  test("spec-update.yml: scheduled and manual; downloads, runs spec:update, opens a PR whose body is the diff report", () => {
    const workflow = load("spec-update.yml");
    expect(workflow.on).toHaveProperty("schedule");
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(runs(workflow)).toMatch(/curl .*\$SPEC_URL/);
    expect(runs(workflow)).toMatch(/pnpm --silent spec:update .*\| tee "\$RUNNER_TEMP\/spec-update\.md"/);
    const pr = steps(workflow).find((s) => s.uses?.startsWith("peter-evans/create-pull-request"));
    expect(pr?.with?.["body-path"]).toContain("spec-update.md");
  });

  test("release.yml: changesets/action versions and publishes with the repo's scripts", () => {
    const action = steps(load("release.yml")).find((s) => s.uses?.startsWith("changesets/action"));
    expect(action?.with).toMatchObject({ version: "pnpm changeset version", publish: "pnpm release" });
  });
});
