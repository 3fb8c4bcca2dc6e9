import { defineConfig } from "vitest/config";

// Compiling a validator for every GET response of the overlaid spec takes seconds on a loaded 2-core machine.
export default defineConfig({ test: { testTimeout: 60_000 } });
