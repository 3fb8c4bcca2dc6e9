// 20 different Console API operations, written against @org/statsig-console-client.
import { createStatsigConsoleClient, paginate, unwrap } from "@org/statsig-console-client";

const client = createStatsigConsoleClient({ apiKey: "console-key" });
const id = { params: { path: { id: "x" } } };

export async function main(): Promise<number> {
  const gates = await unwrap(client.GET("/console/v1/gates", { params: { query: { limit: 10 } } }));
  const gate = await unwrap(client.GET("/console/v1/gates/{id}", id));
  await client.POST("/console/v1/gates", { body: { name: "checkout" } });
  await client.DELETE("/console/v1/gates/{id}", id);
  await client.GET("/console/v1/gates/{id}/rules", id);
  await client.GET("/console/v1/dynamic_configs");
  await client.GET("/console/v1/dynamic_configs/{id}", id);
  await client.POST("/console/v1/dynamic_configs", { body: { name: "config" } });
  await client.DELETE("/console/v1/dynamic_configs/{id}", id);
  const experiments = await unwrap(client.GET("/console/v1/experiments"));
  await client.GET("/console/v1/experiments/{id}", id);
  await client.POST("/console/v1/experiments", { body: { name: "exp" } });
  await client.DELETE("/console/v1/experiments/{id}", id);
  await client.GET("/console/v1/segments");
  await client.GET("/console/v1/segments/{id}", id);
  await client.DELETE("/console/v1/segments/{id}", id);
  await client.GET("/console/v1/segments/{id}/id_list", id);
  await client.GET("/console/v1/tags");
  await client.GET("/console/v1/tags/{id}", id);
  await client.DELETE("/console/v1/tags/{id}", id);
  let count = 0;
  for await (const g of paginate(client, "/console/v1/gates")) count += g.isEnabled ? 1 : 0;
  return gates.data.length + (gate.data.name ?? "").length + experiments.data.length + count;
}
