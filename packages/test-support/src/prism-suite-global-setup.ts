import type { TestProject } from "vitest/node";
import { holdPrismSuiteLock } from "./prism-suite-lock.js";

/** A vitest `globalSetup`: the suite runs once it holds the Prism suite lock, and releases it at teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = project.config.name || project.config.root.split("/").filter(Boolean).at(-1) || "a suite";
  return holdPrismSuiteLock(name, { onWait: (line) => console.log(line) });
}
