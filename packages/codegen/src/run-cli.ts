import { CodegenError } from "./errors.js";

/**
 * Runs a CLI's main: its exit code, or one line on stderr and exit 1 (a stack only for unexpected bugs). An argument
 * `parseArgs` refuses (an unknown option, a missing value) is one line naming it, the usage, and exit 2.
 */
export function runCli(name: string, usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const code = (error as { code?: unknown })?.code;
      if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) {
        // parseArgs's own message names the option; its advice about "--" is noise here.
        console.error(`${name}: ${(error as Error).message.split(". ")[0]}\n${usage}`);
        process.exitCode = 2;
        return;
      }
      const message =
        error instanceof CodegenError ? error.message : `unexpected failure: ${(error as Error)?.stack ?? error}`;
      console.error(`${name}: ${message}`);
      process.exitCode = 1;
    },
  );
}
