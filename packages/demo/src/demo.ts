import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { startPrism } from "@org/statsig-console-mock";

/**
 * The main job: start a Prism mock of the Console API from the overlaid spec, drive the client
 * through three real calls, print what happened, and always stop Prism.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const mock = await startPrism();
  console.log(
    `Prism mock of the Statsig Console API listening on ${mock.url} (${Math.round(performance.now() - started)} ms)`,
  );
  try {
    // The mock checks only that the header is present; a real project uses its console-... key.
    const client = createStatsigConsoleClient({ apiKey: "console-demo-key-for-the-mock", baseUrl: mock.url });

    const list = await client.GET("/console/v1/gates", { params: { query: { page: 1, limit: 10 } } });
    if (!list.data) throw new Error(`list gates failed: HTTP ${list.response.status}`);
    console.log(
      `GET   /console/v1/gates      -> ${list.response.status}: ${list.data.data.length} gate(s): ${list.data.data.map((g) => g.id).join(", ")}`,
    );

    const created = await client.POST("/console/v1/gates", {
      body: { name: "demo_gate", description: "created by pnpm demo", idType: "userID" },
    });
    if (!created.data) throw new Error(`create gate failed: HTTP ${created.response.status}`);
    console.log(
      `POST  /console/v1/gates      -> ${created.response.status}: ${created.data.message} (id ${created.data.data.id})`,
    );

    const ingestion = await client.PATCH("/console/v1/ingestion", {
      body: {
        dataset: "Metrics",
        type: "databricks",
        source_name: "ingestion-1",
        query: "SELECT unit_id, id_type, dateid, metric_name, metric_value FROM metrics",
        column_mapping: { unit_id: "unit_id", id_type: "id_type", dateid: "dateid", metric_name: "metric_name" },
        enabled: true,
      },
    });
    if (!ingestion.data) throw new Error(`update ingestion failed: HTTP ${ingestion.response.status}`);
    console.log(`PATCH /console/v1/ingestion  -> ${ingestion.response.status}: Metrics dataset source updated`);
  } finally {
    await mock.stop();
    console.log("Prism stopped");
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
