/** setTimeout's longest delay: beyond it Node and browsers fire after ~1 ms instead of waiting. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Resolves after `ms` (at most MAX_TIMER_MS), or rejects with `onAbort()` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", abort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener("abort", abort, { once: true });
  });
}
