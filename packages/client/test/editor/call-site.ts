// Read by editor-docs.test.ts through TypeScript's language service, as an editor would.
import { createStatsigConsoleClient } from "../../src/index.js";

const client = createStatsigConsoleClient({ apiKey: "console-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" });

export async function calls() {
  await client.GET("/console/v1/gates", { params: { query: { limit: 10 } } });
  await client.POST("/console/v1/gates", { body: { name: "checkout" } });
  await client.GET("/console/v1/gates", { params: { query: { limit: 10 } }, parseAs: "text" });
}
