import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort } from "./free-port.js";

const require = createRequire(import.meta.url);

export interface StartPrismOptions {
  /** OpenAPI file to mock. Default: the overlaid Statsig Console API spec shipped by @org/statsig-console-types. */
  spec?: string;
  /** Loopback host to bind. Default "127.0.0.1". */
  host?: string;
  /** Port to bind. Default: a free port chosen by the OS. */
  port?: number;
  /** Generate responses from the schemas instead of returning the spec's examples. Default false. */
  dynamic?: boolean;
  /** Seed for `dynamic`, so generated responses are the same on every run. */
  seed?: string;
  /** Answer with responses Prism builds from the schemas rather than the spec's own examples (`--ignoreExamples`). Default false. */
  ignoreExamples?: boolean;
  /** Also answer with an error when Prism finds a response violation (Prism `--errors`). Default false. */
  errors?: boolean;
  /** How long to wait for Prism to listen before failing. Default 30 000 ms. */
  startupTimeoutMs?: number;
  /** Receives Prism's own log lines (by default they are kept only for error messages). */
  onLog?: (line: string) => void;
}

export interface PrismMock {
  /** Base URL such as `http://127.0.0.1:40123`, ready to pass as `baseUrl`. */
  url: string;
  port: number;
  /** Stops Prism and waits for the process to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** The overlaid spec that `pnpm generate` writes, as shipped by @org/statsig-console-types. */
export function defaultSpecPath(): string {
  return require.resolve("@org/statsig-console-types/openapi.json");
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last-resort cleanup: whatever happens to the parent, no Prism outlives it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill("SIGKILL");
      process.kill(process.pid, signal);
    });
  }
}

function prismBin(): string {
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgPath) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin.prism ?? "dist/index.js");
}

/**
 * Starts `prism mock` on a loopback port and resolves once it listens. Rejects with Prism's own
 * output when it exits early (bad spec, port in use) or does not start in time, and kills it.
 */
export async function startPrism(options: StartPrismOptions = {}): Promise<PrismMock> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? (await freePort(host));
  const spec = options.spec ?? defaultSpecPath();
  const args = [prismBin(), "mock", spec, "--host", host, "--port", String(port)];
  if (options.dynamic) args.push("--dynamic", "--json-schema-faker-fillProperties=false");
  if (options.seed !== undefined) args.push("--seed", options.seed);
  if (options.ignoreExamples) args.push("--ignoreExamples");
  if (options.errors) args.push("--errors");
  installExitHook();
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => running.delete(child));
  const log: string[] = [];
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not start within ${options.startupTimeoutMs ?? 30_000} ms${tail(log)}`)),
        options.startupTimeoutMs ?? 30_000,
      );
      const onLine = (line: string) => {
        log.push(line);
        if (log.length > 200) log.shift();
        options.onLog?.(line);
        if (line.includes("Prism is listening on")) {
          clearTimeout(timer);
          resolve();
        }
      };
      readLines(child.stdout, onLine);
      readLines(child.stderr, onLine);
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(new Error(`could not run Prism: ${error.message}`));
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited before listening (${signal ?? `code ${code}`}) for ${spec}${tail(log)}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://${host}:${port}`, port, stop };
}

function readLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffer = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) onLine(line);
  });
}

/** The interesting end of Prism's output: errors first, else the last lines. */
function tail(log: string[]): string {
  const errors = log.filter((l) => /error|EADDRINUSE|fatal/i.test(l));
  const lines = (errors.length > 0 ? errors : log).slice(-5);
  return lines.length > 0 ? `:\n${lines.join("\n")}` : "";
}
