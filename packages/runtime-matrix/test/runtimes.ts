import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Report, Urls } from "../src/scenarios.js";
import { cleanEnv, type Project, packageDir, run } from "./project.js";

/**
 * Where the runtimes come from. They are not dependencies of the workspace (`pnpm install` stays light):
 * Bun, Deno, miniflare (workerd) and playwright-core come from npm into `runtimes/node_modules`
 * (`pnpm --filter @org/statsig-console-runtime-matrix runtimes:install`, which scripts/test.sh does), or the
 * folder RUNTIME_MATRIX_TOOLS names; Chromium is Debian's (`apt-get install chromium`), or RUNTIME_MATRIX_CHROMIUM.
 */
const tools = process.env.RUNTIME_MATRIX_TOOLS ?? join(packageDir, "runtimes");
const bin = (name: string) => join(tools, "node_modules", ".bin", name);
const onPath = (name: string) =>
  (process.env.PATH ?? "")
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((file) => existsSync(file));
const toolsRequire = createRequire(join(tools, "package.json"));
const resolveTool = (name: string) => {
  try {
    return toolsRequire.resolve(name);
  } catch {
    return undefined;
  }
};

/** The little of playwright-core and miniflare used here (they are not workspace dependencies). */
interface Playwright {
  chromium: {
    launch(options: { executablePath: string | undefined; headless: boolean; args: string[] }): Promise<{
      newPage(): Promise<{
        on(event: "pageerror", listener: (error: Error) => void): void;
        goto(url: string): Promise<unknown>;
        evaluate(expression: string): Promise<unknown>;
      }>;
      close(): Promise<void>;
    }>;
  };
}
type MiniflareClass = new (options: {
  modules: boolean;
  script: string;
  compatibilityDate: string;
}) => {
  dispatchFetch(url: string): Promise<{ status: number; text(): Promise<string> }>;
  dispose(): Promise<void>;
};

export interface Runtime {
  name: "node" | "bun" | "deno" | "chromium" | "workerd";
  /** Why it cannot run here (undefined: it can). */
  missing: string | undefined;
  run(project: Project, urls: Urls): Promise<Report>;
}

const installHint =
  "run `pnpm --filter @org/statsig-console-runtime-matrix runtimes:install` (bash scripts/test.sh does)";

const cliRuntime = (name: "node" | "bun" | "deno", command: string | undefined, args: string[]): Runtime => ({
  name,
  missing: command && existsSync(command) ? undefined : `no ${name} at ${command ?? "(none)"}: ${installHint}`,
  async run(project, urls) {
    // Its own cache folder (Deno's, Bun's), removed afterwards: nothing outside the scratch project is written.
    const home = mkdtempSync(join(tmpdir(), `runtime-matrix-${name}-`));
    try {
      const env = { ...cleanEnv(), DENO_DIR: home, DENO_NO_UPDATE_CHECK: "1", BUN_INSTALL_CACHE_DIR: home };
      const argv = [...args, project.cli, JSON.stringify(urls)];
      // The script must end by itself once done (nothing the client leaves keeps it alive).
      const { stdout } = await run(command as string, argv, project.dir, env, 90_000);
      return JSON.parse(stdout.trim().split("\n").pop() as string) as Report;
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
});

/**
 * Debian's chromium, else an installed Chrome: Ubuntu's `chromium` is a wrapper around a snap, and snaps fail in
 * containers. scripts/test.sh looks for the browser the same way before it installs one.
 */
const chromiumPath =
  process.env.RUNTIME_MATRIX_CHROMIUM ??
  ["chromium", "google-chrome", "google-chrome-stable"]
    .map(onPath)
    .find((file) => file !== undefined && !/(^\/snap\/|\/snap$)/.test(realpathSync(file)));
const playwright = resolveTool("playwright-core");
const miniflare = resolveTool("miniflare");

export const RUNTIMES: Runtime[] = [
  cliRuntime("node", process.execPath, []),
  cliRuntime("bun", bin("bun"), []),
  cliRuntime("deno", bin("deno"), ["run", "--allow-net", "--no-lock", "--node-modules-dir=manual"]),
  {
    name: "chromium",
    missing:
      !chromiumPath || !existsSync(chromiumPath)
        ? `no Chromium at ${chromiumPath ?? "chromium or google-chrome on PATH"} (apt-get install -y chromium, or set RUNTIME_MATRIX_CHROMIUM)`
        : !playwright
          ? `no playwright-core in ${tools}: ${installHint}`
          : undefined,
    async run(_project, urls) {
      const mod = (await import(pathToFileURL(playwright as string).href)) as { default?: unknown };
      const { chromium } = (mod.default ?? mod) as Playwright;
      // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
      const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(String(error)));
        await page.goto(`${urls.base}/__test/page.html`);
        // The scenarios load as a site would load them: a module whose bare imports the page's import map resolves.
        const report = (await page.evaluate(
          `import("/__test/scenarios.js").then((m) => m.runScenarios(${JSON.stringify(urls)}))`,
        )) as Report;
        if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
        return report;
      } finally {
        await browser.close();
      }
    },
  },
  {
    name: "workerd",
    missing: miniflare ? undefined : `no miniflare in ${tools}: ${installHint}`,
    async run(project, urls) {
      const { Miniflare } = (await import(pathToFileURL(miniflare as string).href)) as { Miniflare: MiniflareClass };
      const mf = new Miniflare({
        modules: true,
        script: readFileSync(project.workerBundle, "utf8"),
        compatibilityDate: "2026-04-01",
      });
      try {
        const response = await mf.dispatchFetch(`http://worker/?urls=${encodeURIComponent(JSON.stringify(urls))}`);
        const text = await response.text();
        if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text}`);
        return JSON.parse(text) as Report;
      } finally {
        await mf.dispose();
      }
    },
  },
];
