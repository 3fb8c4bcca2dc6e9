/**
 * Every failure the generator can explain becomes a CodegenError: the CLI prints its
 * message as one line and exits non-zero, and nothing has been written by then.
 */
export class CodegenError extends Error {
  override name = "CodegenError";
}
