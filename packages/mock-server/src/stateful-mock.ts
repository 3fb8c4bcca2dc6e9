import { type SeenRequest, startConsoleFake } from "./console-fake.js";
import type { Family } from "./family.js";
import { type Fault, startFaultFront } from "./fault-front.js";
import { defaultSpecPath, type PrismMock, type StartPrismOptions, startPrismProxy } from "./start-prism.js";

/** A stateful mock: Prism in front of an in-memory Console API that remembers every write. */
export interface StatefulPrismMock extends PrismMock {
  /** Forgets every entity and every request seen. */
  reset(): void;
  /** The requests that reached the in-memory API (Prism's own 422s do not): method, path template, status. */
  requests(): SeenRequest[];
  /**
   * Answers the next matching request(s) with a fault: a status (a 500, a 429 without Retry-After as Statsig sends
   * it) or a connection reset, before the request reaches the API, or after it was applied (`afterApply`).
   */
  inject(fault: Fault): void;
}

/**
 * `prism proxy <overlaid spec> <in-memory API> --errors`: every request and every answer is checked by the same
 * Prism the contract tests use. The in-memory API answers 501 for what it does not model, and Prism then mocks
 * those operations from the spec.
 */
export async function startStatefulMock(
  options: StartPrismOptions & { families?: readonly Family[] } = {},
): Promise<StatefulPrismMock> {
  const fake = await startConsoleFake(options.families);
  let proxy: PrismMock;
  try {
    // Prism on a port of its own; the port asked for is the front's, where faults are injected.
    proxy = await startPrismProxy(fake.url, { ...options, port: undefined });
  } catch (error) {
    await fake.stop();
    throw error;
  }
  let front: Awaited<ReturnType<typeof startFaultFront>>;
  try {
    front = await startFaultFront(proxy.url, options.spec ?? defaultSpecPath(), options);
  } catch (error) {
    await proxy.stop();
    await fake.stop();
    throw error;
  }
  return {
    url: front.url,
    port: front.port,
    stop: async () => {
      await front.stop();
      await proxy.stop();
      await fake.stop();
    },
    reset: () => {
      fake.reset();
      front.clear();
    },
    requests: fake.requests,
    inject: front.inject,
  };
}
