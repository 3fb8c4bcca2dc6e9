import { CodegenError } from "./errors.js";

/** Runs a CLI's main: its exit code, or one line on stderr and exit 1 (a stack only for unexpected bugs). */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message =
        error instanceof CodegenError ? error.message : `unexpected failure: ${(error as Error)?.stack ?? error}`;
      console.error(`${name}: ${message}`);
      process.exitCode = 1;
    },
  );
}
