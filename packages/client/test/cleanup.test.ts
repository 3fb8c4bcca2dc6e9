import { expect, test, vi } from "vitest";
import { ConnectionError, createStatsigConsoleClient } from "./fixtures.js";
import { KEY } from "./server.js";

// In a file of its own, away from real HTTP (whose pool may arm timers of its own while timers are faked).
test("after a retried success and after a failure no timer is left running (fake timers, in-process fetch)", async () => {
  vi.useFakeTimers();
  try {
    const baseline = vi.getTimerCount();
    let calls = 0;
    const client = createStatsigConsoleClient({
      apiKey: KEY,
      timeoutMs: 5000,
      retry: { baseDelayMs: 10, maxDelayMs: 10 },
      fetch: async () => (++calls === 1 ? new Response("busy", { status: 503 }) : Response.json({ message: "ok" })),
    });
    const pending = client.GET("/console/v1/gates");
    await vi.advanceTimersByTimeAsync(20);
    expect((await pending).response.status).toBe(200);
    expect(calls).toBe(2);
    expect(vi.getTimerCount()).toBe(baseline);

    const failing = createStatsigConsoleClient({
      apiKey: KEY,
      timeoutMs: 5000,
      retry: false,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    await expect(failing.GET("/console/v1/gates")).rejects.toBeInstanceOf(ConnectionError);
    expect(vi.getTimerCount()).toBe(baseline);
  } finally {
    vi.useRealTimers();
  }
});
