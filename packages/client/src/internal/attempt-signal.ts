/** One attempt's abort signal: aborts when the caller's signal does, or when `timeoutMs` has passed. */
export interface Deadline {
  signal: AbortSignal;
  expired(): boolean;
  /** Stops the timer and unlinks the caller's signal; call when the response body has been read. */
  clear(): void;
}

/**
 * A controller and a timer, linked to the caller's signal by a listener. (AbortSignal.any with
 * AbortSignal.timeout costs ~19 µs a request on Node 20, a tenth of a loopback round trip; this ~0.5 µs.)
 */
export function startDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number): Deadline | undefined {
  if (!(timeoutMs > 0)) return undefined;
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const onAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onAbort();
  else callerSignal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    expired: () => expired,
    clear() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onAbort);
    },
  };
}
