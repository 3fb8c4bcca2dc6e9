import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.js";
import type { QuotaOptions } from "./quota-gate.js";
import type { StatefulPrismMock } from "./stateful-mock.js";

const require = createRequire(import.meta.url);

export interface StartPrismOptions {
  /** OpenAPI file to mock. Default: the overlaid Statsig Console API spec shipped with this package. */
  spec?: string;
  /** Loopback host to bind, IPv4 or IPv6 (`::1`). Default "127.0.0.1". */
  host?: string;
  /** Port to bind. Default (or 0): a free port chosen by the OS. */
  port?: number;
  /** Generate responses from the schemas instead of returning the spec's examples. Default false. Stateless only. */
  dynamic?: boolean;
  /** Seed for `dynamic`, so generated responses are the same on every run. Stateless only. */
  seed?: string;
  /** Answer with responses Prism builds from the schemas rather than the spec's own examples (`--ignoreExamples`). Default false. Stateless only. */
  ignoreExamples?: boolean;
  /** Also answer with an error when Prism finds a response violation (Prism `--errors`). Default false. */
  errors?: boolean;
  /** How long to wait for Prism to answer HTTP before failing. Default 60 000 ms (a loaded 2-core CI machine needs it). */
  startupTimeoutMs?: number;
  /** Receives Prism's own log lines (by default they are kept only for error messages). */
  onLog?: (line: string) => void;
  /**
   * Remember writes: Prism in front of an in-memory Console API (`prism proxy ... --errors`). A created gate can be
   * read back, updated, listed and deleted; operations without state answer from the spec. See coverage.md.
   */
  stateful?: boolean;
  /**
   * Stateful mode: enforce the project's quota as the live API does (429 without Retry-After; refused attempts
   * count too). `true` for Statsig's documented windows, or your own windows. Default: not enforced.
   */
  quota?: boolean | QuotaOptions;
}

export interface PrismMock {
  /** Base URL such as `http://127.0.0.1:40123` or `http://[::1]:40123`, ready to pass as `baseUrl`. */
  url: string;
  port: number;
  /** Stops Prism and waits for the process to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Why Prism did not start, in one line; Prism's own last lines are in `log`. */
export class MockStartError extends Error {
  override name = "MockStartError";
  constructor(
    message: string,
    readonly log: readonly string[],
  ) {
    super(message);
  }
}

/**
 * The overlaid spec that `pnpm generate` writes, shipped with this package (`@org/statsig-console-mock/openapi.json`):
 * only the mock needs it, so client and types installs do not carry its 2 MB.
 */
export function defaultSpecPath(): string {
  return fileURLToPath(new URL("./openapi.json", import.meta.url));
}

function prismBin(): string {
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgPath) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin.prism ?? "dist/index.js");
}

const prismProcess = fileURLToPath(new URL("./prism-process.js", import.meta.url));
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A fast path on a normal exit; SIGKILL and crashes are covered by the child watching its pipe. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

/**
 * Starts `prism mock` on a loopback port and resolves once it answers HTTP. Rejects with a one-line
 * {@link MockStartError} when Prism exits early (bad spec, port in use) or does not answer in time.
 * The mock never keeps a finished script alive, and never outlives the process that started it.
 */
export async function startPrism(options: StartPrismOptions & { stateful: true }): Promise<StatefulPrismMock>;
export async function startPrism(options?: StartPrismOptions): Promise<PrismMock>;
export async function startPrism(options: StartPrismOptions = {}): Promise<PrismMock> {
  if (options.stateful) {
    // `prism proxy` takes none of them: refused rather than ignored.
    const unsupported = (["dynamic", "seed", "ignoreExamples"] as const).filter((name) => options[name] !== undefined);
    if (unsupported.length > 0) {
      throw new MockStartError(
        `${unsupported.join(", ")}: stateless mock only (stateful: true answers from state, and from the spec's examples for what it does not keep)`,
        [],
      );
    }
    const { startStatefulMock } = await import("./stateful-mock.js");
    return startStatefulMock(options);
  }
  if (options.quota) throw new MockStartError("quota needs stateful: true (the stateless mock keeps no count)", []);
  const flags: string[] = [];
  if (options.dynamic) flags.push("--dynamic", "--json-schema-faker-fillProperties=false");
  if (options.seed !== undefined) flags.push("--seed", options.seed);
  if (options.ignoreExamples) flags.push("--ignoreExamples");
  if (options.errors) flags.push("--errors");
  return launchPrism(["mock"], flags, options);
}

/**
 * `prism proxy`: every request and every answer of `upstream` checked against the spec, with `--errors` (a
 * violation in either becomes an error answer, and is in `sl-violations` either way).
 */
export function startPrismProxy(upstream: string, options: StartPrismOptions = {}): Promise<PrismMock> {
  return launchPrism(["proxy"], ["--errors"], options, upstream);
}

async function launchPrism(
  command: string[],
  flags: string[],
  options: StartPrismOptions,
  upstream?: string,
): Promise<PrismMock> {
  const host = options.host ?? "127.0.0.1";
  const port = await bindablePort(host, options.port);
  const spec = options.spec ?? defaultSpecPath();
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const timeoutMs = options.startupTimeoutMs ?? 60_000;
  const args = [prismProcess, prismBin(), ...command, spec, ...(upstream ? [upstream] : [])];
  args.push("--host", host, "--port", String(port), ...flags);

  installExitHook();
  // Prism logs its reasons (EADDRINUSE, spec errors) only outside NODE_ENV=production.
  const { NODE_ENV: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => running.delete(child));
  // Neither the process nor its pipes keep the caller's event loop alive.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?(): void }).unref?.();

  const log: string[] = [];
  const onLine = (line: string) => {
    log.push(line);
    if (log.length > 200) log.shift();
    options.onLog?.(line);
  };
  readLines(child.stdout, onLine);
  readLines(child.stderr, onLine);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitUntilAnswering(url, timeoutMs, child, exited);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new MockStartError(`${explain(log, spec) ?? reason}`, [...log]);
  }
  return { url, port, stop };
}

/**
 * The port Prism will get, checked by binding it first: a port in use or a host that is not this machine's is
 * a one-line error before Prism starts (and a port served by someone else can never pass for our mock).
 */
async function bindablePort(host: string, port: number | undefined): Promise<number> {
  try {
    // 0 asks for any free port, as for node's listen: picked here, since the URL must name the port Prism binds.
    if (!port) return await freePort(host);
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(port, host, () => server.close(() => resolve()));
    });
    return port;
  } catch (error) {
    throw listenError(error, host, port);
  }
}

/** Why a port could not be bound, in one line. */
export function listenError(error: unknown, host: string, port: number | undefined): MockStartError {
  const code = (error as NodeJS.ErrnoException).code;
  const what =
    code === "EADDRINUSE"
      ? `port ${port} on ${host} is already in use`
      : code === "EADDRNOTAVAIL" || code === "EINVAL"
        ? `${host} is not an address of this machine`
        : `cannot listen on ${host}${port === undefined ? "" : ` port ${port}`}: ${(error as Error).message}`;
  return new MockStartError(what, []);
}

/** Readiness by an HTTP request, not by Prism's log wording: any answer means it listens. */
async function waitUntilAnswering(url: string, timeoutMs: number, child: ChildProcess, exited: Promise<void>) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  child.once("error", () => {
    gone = true;
  });
  while (!gone) {
    if (Date.now() > deadline) throw new Error(`Prism did not answer within ${timeoutMs} ms`);
    const answer = await fetch(`${url}/__statsig_mock_ready`, { signal: AbortSignal.timeout(2000) })
      .then((response) => response.text())
      .catch(() => "");
    // Prism's own answer to an unknown route: another server on the port would not say this.
    if (answer.includes("NO_PATH_MATCHED_ERROR") && !gone) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Prism exited before listening (code ${child.exitCode ?? child.signalCode})`);
}

/** The reason in Prism's output, as one line. */
function explain(log: string[], spec: string): string | undefined {
  // Prism prints `✖  fatal  <reason>`, then its CLI help, then `Error: <reason>` and a stack.
  const fatal = log.map((line) => /\bfatal\s+(.+)$/.exec(line)?.[1]).find(Boolean);
  const thrown = log.map((line) => /^\w*Error: (.+)$/.exec(line.trim())?.[1]).find(Boolean);
  const reason = fatal ?? thrown;
  return reason ? `Prism could not mock ${spec}: ${reason.trim()}` : undefined;
}

function readLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream }).on("line", (line) => {
    if (line.trim()) onLine(line);
  });
}
