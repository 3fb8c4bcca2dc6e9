import { createStatsigConsoleClient, type StatsigConsoleClientOptions } from "@org/statsig-console-client";
import { type StartPrismOptions, type StatefulPrismMock, startPrism } from "@org/statsig-console-mock";
import { afterAll, beforeAll, beforeEach } from "vitest";

/**
 * One stateful mock for a test file, reset before each test, and a client whose every answer's `sl-violations`
 * (Prism's findings, warnings included) is collected in `violations`: the suites expect none.
 */
export function useStatefulMock(
  apiKey: string,
  options: Omit<StatsigConsoleClientOptions, "apiKey" | "baseUrl"> = {},
  mockOptions: Omit<StartPrismOptions, "stateful"> = {},
) {
  const violations: string[] = [];
  const watched = (request: Request) =>
    fetch(request).then((response) => {
      const found = response.headers.get("sl-violations");
      if (found) violations.push(`${request.method} ${new URL(request.url).pathname}: ${found}`);
      return response;
    });
  let mock: StatefulPrismMock | undefined;
  beforeAll(async () => {
    mock = await startPrism({ ...mockOptions, stateful: true });
  });
  afterAll(() => mock?.stop());
  beforeEach(() => {
    mock?.reset();
    violations.length = 0;
  });
  const started = () => {
    if (!mock) throw new Error("the stateful mock is not started (use it inside a test)");
    return mock;
  };
  return {
    violations,
    mock: started,
    client: (extra: Omit<StatsigConsoleClientOptions, "apiKey" | "baseUrl"> = {}) =>
      createStatsigConsoleClient({
        apiKey,
        baseUrl: started().url,
        retry: false,
        fetch: watched,
        ...options,
        ...extra,
      }),
  };
}
