// Bundle size of a one-call browser app (create the client, GET /console/v1/gates), minified, raw and gzipped.

import { fileURLToPath } from "node:url";
import { oneCallBundle } from "@org/statsig-console-test-support/one-call-bundle";

const APPS = {
  ours: `import { createStatsigConsoleClient } from "@org/statsig-console-client";
const client = createStatsigConsoleClient({ apiKey: "console-key" });
client.GET("/console/v1/gates").then(({ data }) => console.log(data));`,
  // Opting in to the drift reporter: what it costs the app that imports it (the main entry above does not grow).
  "ours, drift reporter": `import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { driftReporter } from "@org/statsig-console-drift/reporter";
const client = createStatsigConsoleClient({ apiKey: "console-key", validateResponses: driftReporter({ onDrift: console.warn }) });
client.GET("/console/v1/gates").then(({ data }) => console.log(data));`,
  "openapi-fetch": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://statsigapi.net", headers: { "STATSIG-API-KEY": "console-key" } });
client.GET("/console/v1/gates").then(({ data }) => console.log(data));`,
  "statsig@0.0.2": `import { Statsig } from "statsig";
const statsig = new Statsig({ statsigApiKey: "console-key" });
statsig.gates.list({}).then((result) => console.log(result));`,
};

export async function bundleSize(source, resolveDir = fileURLToPath(new URL("..", import.meta.url))) {
  const { raw, gzip } = await oneCallBundle(source, resolveDir);
  return { raw, gzip };
}

export async function bundleSizes() {
  const out = {};
  for (const [name, source] of Object.entries(APPS)) out[name] = await bundleSize(source);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await bundleSizes());
