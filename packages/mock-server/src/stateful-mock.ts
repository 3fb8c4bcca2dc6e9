import { type SeenRequest, startConsoleFake } from "./console-fake.js";
import type { Family } from "./family.js";
import { type PrismMock, type StartPrismOptions, startPrismProxy } from "./start-prism.js";

/** A stateful mock: Prism in front of an in-memory Console API that remembers every write. */
export interface StatefulPrismMock extends PrismMock {
  /** Forgets every entity and every request seen. */
  reset(): void;
  /** The requests that reached the in-memory API (Prism's own 422s do not): method, path template, status. */
  requests(): SeenRequest[];
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
    proxy = await startPrismProxy(fake.url, options);
  } catch (error) {
    await fake.stop();
    throw error;
  }
  return {
    url: proxy.url,
    port: proxy.port,
    stop: async () => {
      await proxy.stop();
      await fake.stop();
    },
    reset: fake.reset,
    requests: fake.requests,
  };
}
