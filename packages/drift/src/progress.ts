import type { DriftResult } from "./run-drift.js";
import type { WalkProgress } from "./walk.js";

interface Stream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress on stderr: a line rewritten in place on a terminal, nothing until the summary line elsewhere (a CI log
 * should not fill with carriage returns).
 */
export function createProgress(stream: Stream) {
  let last: WalkProgress | undefined;
  let shown = false;
  const line = (p: WalkProgress) =>
    `drift: ${p.operationsDone}/${p.operationsKnown} operations, ${p.itemsDone}/${p.itemsKnown} items`;
  return {
    update(progress: WalkProgress) {
      last = progress;
      if (!stream.isTTY) return;
      stream.write(`\r${line(progress)}\u001b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write("\r\u001b[K");
      shown = false;
    },
    done(result: DriftResult) {
      this.clear();
      const findings = result.report
        ? `, ${result.report.findings.length} findings (${result.newFindings?.length ?? 0} new)`
        : "";
      const walked = last ? `${line(last).replace(/^drift: /, "")}, ` : "";
      stream.write(`drift: ${walked}${result.requests} requests (${result.failed} failed)${findings}\n`);
    },
  };
}
