#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { QuotaWindow } from "@org/statsig-console-types/quota-windows";
import { CONTROL_PREFIX } from "./control-routes.js";
import type { LoadableEntities } from "./generated/entities.js";
import { type PrismMock, type StartPrismOptions, startPrism } from "./start-prism.js";
import type { StatefulPrismMock } from "./stateful-mock.js";

const USAGE = `usage: statsig-console-mock [--stateful] [--port N] [--host HOST] [--spec FILE]
       [--load entities.json] [--quota] [--quota-windows LIMIT/MS,...] [--dynamic] [--seed SEED]
Serves the Statsig Console API mock (Prism, from the overlaid spec) until SIGINT or SIGTERM.
--stateful remembers writes (an in-memory Console API behind Prism), with HTTP controls under
${CONTROL_PREFIX}: GET requests, GET throttled, POST reset, POST load (entities by family), POST inject.
--quota enforces Statsig's documented mutation quota (429 without Retry-After, refused attempts count);
--quota-windows 5/1000,50/60000 enforces your own windows (at most LIMIT mutations in any MS milliseconds).
Prints "statsig-console-mock listening on <url>" once it answers. Exit codes: 0 stopped, 2 could not start.`;

async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  for (const flag of ["load", "quota", "quota-windows"] as const) {
    if (values[flag] && !values.stateful) return usage(`--${flag} needs --stateful`);
  }
  let quota: StartPrismOptions["quota"] = values.quota;
  if (values["quota-windows"] !== undefined) {
    const windows = parseWindows(values["quota-windows"]);
    if (!windows) return usage("--quota-windows is LIMIT/MS pairs, e.g. 5/1000,50/60000");
    quota = { windows };
  }
  let port = 4010;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65_535) return usage("--port must be 0..65535");
    port = Number(values.port);
  }
  let entities: LoadableEntities | undefined;
  if (values.load) {
    try {
      entities = JSON.parse(readFileSync(values.load, "utf8")) as LoadableEntities;
    } catch (error) {
      return fail(`cannot read ${values.load}: ${(error as Error).message}`);
    }
  }
  const options: StartPrismOptions = {
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values.spec ? { spec: values.spec } : {}),
    ...(values.dynamic ? { dynamic: true } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ...(quota ? { quota } : {}),
  };
  // Listening before the start: a signal while Prism starts stops the mock once it is up, and exits 0.
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  let mock: PrismMock;
  try {
    mock = values.stateful ? await startPrism({ ...options, stateful: true }) : await startPrism(options);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (entities) {
    try {
      await (mock as StatefulPrismMock).load(entities);
    } catch (error) {
      await mock.stop();
      return fail((error as Error).message);
    }
  }
  console.log(`statsig-console-mock listening on ${mock.url}${values.stateful ? " (stateful)" : ""}`);
  await stopped;
  await mock.stop();
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      stateful: { type: "boolean" },
      port: { type: "string" },
      host: { type: "string" },
      spec: { type: "string" },
      load: { type: "string" },
      quota: { type: "boolean" },
      "quota-windows": { type: "string" },
      dynamic: { type: "boolean" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function parseWindows(text: string): QuotaWindow[] | undefined {
  const windows = text.split(",").map((pair) => /^(\d+)\/(\d+)$/.exec(pair.trim()));
  if (windows.some((match) => !match || Number(match[1]) < 1 || Number(match[2]) < 1)) return undefined;
  return windows.map((match) => ({ limit: Number(match?.[1]), intervalMs: Number(match?.[2]) }));
}

function usage(problem: string): number {
  console.error(`statsig-console-mock: ${problem}\n${USAGE}`);
  return 2;
}

function fail(problem: string): number {
  console.error(`statsig-console-mock: ${problem}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`statsig-console-mock: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
