// Ours without the calls: what loading the client's declarations alone costs (the rest of "ours" is the 20 calls).
import { createStatsigConsoleClient } from "@org/statsig-console-client";

export const client = createStatsigConsoleClient({ apiKey: "console-key" });
