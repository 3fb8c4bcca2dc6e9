import { startPrism } from "@org/statsig-console-mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    statsigUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Responses built from the schemas, the same on every run.
  const mock = await startPrism({ dynamic: true, seed: "consumer-example" });
  project.provide("statsigUrl", mock.url);
  return () => mock.stop();
}
