import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const root = new URL("../../../", import.meta.url).pathname;
type Step = { run?: string; uses?: string; with?: Record<string, string | number>; env?: Record<string, string> };
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
  test("ci.yml is one step of its own: bash .ci/run, after pnpm's setup action (version from packageManager) and setup-node's pnpm cache", () => {
    const all = steps(load("ci.yml"));
    const pnpmSetup = all.findIndex((s) => s.uses?.startsWith("pnpm/action-setup@"));
    const node = all.findIndex((s) => s.uses?.startsWith("actions/setup-node@"));
    const ci = all.findIndex((s) => s.run?.trim() === "bash .ci/run");
    expect(pnpmSetup).toBeGreaterThan(-1);
    // No version given: the action reads packageManager (a second pinned version could drift from it).
    expect(all[pnpmSetup]?.with?.version).toBeUndefined();
    // setup-node's pnpm cache needs pnpm on the PATH already.
    expect(node).toBeGreaterThan(pnpmSetup);
    expect(all[node]?.with).toMatchObject({ "node-version": 20, cache: "pnpm" });
    expect(ci).toBeGreaterThan(node);
    // Everything else is .ci/run's business: no second definition of the checks in the workflow.
    expect(all.filter((s) => s.run !== undefined)).toHaveLength(1);
    expect(runs(load("ci.yml"))).not.toContain("corepack");
  });

  test.each(["spec-update.yml", "release.yml", "drift.yml", "mutation.yml"])(
    "%s parses, installs the pinned pnpm without corepack, and installs frozen",
    (name) => {
      const workflow = load(name);
      expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
      expect(runs(workflow)).toContain(`npm install -g pnpm@${pnpmVersion}`);
      expect(runs(workflow)).toMatch(/pnpm install --frozen-lockfile|bash \.ci\/run/);
      expect(runs(workflow)).not.toContain("corepack");
    },
  );

  test("mutation.yml: weekly and manual; StrykerJS on Node 22 in the client and codegen, each time-boxed inside the job, scores in the summary", () => {
    const workflow = load("mutation.yml");
    expect(workflow.on).toHaveProperty("schedule");
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    const job = Object.values(workflow.jobs)[0] as {
      "timeout-minutes": number;
      steps: (Step & Record<string, unknown>)[];
    };
    expect(job.steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]).toBe(22);
    const stryker = job.steps.filter((s) => s.run === "pnpm exec stryker run");
    expect(stryker.map((s) => s["working-directory"])).toEqual(["packages/client", "packages/codegen"]);
    const boxed = stryker.reduce((sum, s) => sum + (s["timeout-minutes"] as number), 0);
    expect(boxed).toBeLessThan(job["timeout-minutes"]);
    const scores = job.steps.find((s) => s.run?.includes("scripts/mutation-score.mjs"));
    expect(scores?.if).toBe("always()");
    expect(scores?.run).toContain("$GITHUB_STEP_SUMMARY");
  });

  test("spec-update.yml: scheduled and manual; downloads, runs spec:update, tests with every runtime, opens a PR whose body is the diff report", () => {
    const workflow = load("spec-update.yml");
    expect(workflow.on).toHaveProperty("schedule");
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(runs(workflow)).toMatch(/curl .*\$SPEC_URL/);
    expect(runs(workflow)).toMatch(/pnpm --silent spec:update .*\| tee "\$RUNNER_TEMP\/spec-update\.md"/);
    // pnpm test runs the runtime matrix, which fails in CI when a runtime is missing.
    expect(runs(workflow)).toMatch(/apt-get install -y .*redis-server/);
    expect(runs(workflow)).toContain("npm ci --prefix packages/runtime-matrix/runtimes");
    const test = steps(workflow).find((s) => s.run === "pnpm test");
    expect(test?.env?.RUNTIME_MATRIX_CHROMIUM).toBeTruthy();
    const pr = steps(workflow).find((s) => s.uses?.startsWith("peter-evans/create-pull-request"));
    expect(pr?.with?.["body-path"]).toContain("spec-update.md");
  });

  test("drift.yml: weekly and manual; does nothing but say so without the secret; runs pnpm drift with the key; opens or updates one issue", () => {
    const workflow = load("drift.yml");
    expect(workflow.on).toHaveProperty("schedule");
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    const jobs = workflow.jobs as Record<string, { if?: string; needs?: string; steps: Step[] }>;
    const gate = Object.entries(jobs).find(([, job]) => !job.needs);
    const check = Object.values(jobs).find((job) => job.needs === gate?.[0]);
    expect(gate?.[1].steps.some((s) => /::notice::.*STATSIG_CONSOLE_API_KEY/.test(s.run ?? ""))).toBe(true);
    expect(check?.if).toMatch(/present == 'true'/);
    const drift = check?.steps.find((s) => /pnpm --silent drift --out/.test(s.run ?? ""));
    expect(drift?.env?.STATSIG_CONSOLE_API_KEY).toMatch(/^\$\{\{ secrets\.STATSIG_CONSOLE_API_KEY \}\}$/);
    const issue = check?.steps.find((s) => /gh issue (create|edit)/.test(s.run ?? ""));
    expect(issue?.run).toMatch(/gh issue list --label api-drift --state open/);
    expect(issue?.run).toContain("drift-overlay.yaml");
    // Closed again once a run finds no new drift; the build happens before the key is in the environment.
    expect(check?.steps.some((s) => /gh issue close/.test(s.run ?? ""))).toBe(true);
    const build = check?.steps.findIndex((s) => s.run === "pnpm build") ?? -1;
    expect(build).toBeGreaterThan(-1);
    expect(build).toBeLessThan(check?.steps.indexOf(drift as Step) ?? -1);
    // The key reaches the drift step only.
    const withKey = Object.values(jobs)
      .flatMap((job) => job.steps)
      .filter((s) => JSON.stringify(s).includes("secrets.STATSIG"));
    expect(withKey.map((s) => s.run?.split("\n")[0])).toEqual([
      expect.stringContaining("if [ -n"),
      expect.stringContaining("baseline"),
    ]);
  });

  test("release.yml: runs CI's script, then changesets/action versions and publishes with the repo's scripts", () => {
    const workflow = load("release.yml");
    expect(runs(workflow)).toContain("bash .ci/run");
    const action = steps(workflow).find((s) => s.uses?.startsWith("changesets/action"));
    expect(action?.with).toMatchObject({ version: "pnpm changeset version", publish: "pnpm release" });
  });
});
