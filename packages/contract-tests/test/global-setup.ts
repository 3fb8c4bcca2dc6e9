import { startPrism } from "@org/statsig-console-mock";
import type { TestProject } from "vitest/node";
import { rawSpecPath } from "../src/spec.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
    rawPrismUrl: string;
  }
}

/** One Prism from the overlaid spec for the whole run, and one from the raw spec to show what the overlays fix. */
export default async function setup(project: TestProject) {
  const [mock, raw] = await Promise.all([
    startPrism({ dynamic: true, seed: "statsig-contract" }),
    startPrism({ spec: rawSpecPath }),
  ]);
  project.provide("prismUrl", mock.url);
  project.provide("rawPrismUrl", raw.url);
  return async () => {
    await Promise.all([mock.stop(), raw.stop()]);
  };
}
