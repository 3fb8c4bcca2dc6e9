import { describe, expectTypeOf, test } from "vitest";
import type { ExternalGateDto, IngestionUpdateContractDto, paths } from "../src/index.js";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type PatchIngestionBody = Json<NonNullable<paths["/console/v1/ingestion"]["patch"]["requestBody"]>>;
type ListGatesResponse = Json<paths["/console/v1/gates"]["get"]["responses"][200]>;

describe("generated types", () => {
  test("GET /console/v1/gates returns data typed as the gate DTO array", () => {
    expectTypeOf<ListGatesResponse["data"]>().toEqualTypeOf<ExternalGateDto[]>();
    expectTypeOf<ListGatesResponse["pagination"]["nextPage"]>().not.toBeAny();
    expectTypeOf<ExternalGateDto>().toHaveProperty("id");
  });

  test("PATCH /console/v1/ingestion body is a union discriminated by dataset", () => {
    expectTypeOf<PatchIngestionBody>().toEqualTypeOf<IngestionUpdateContractDto>();
    type Metrics = Extract<PatchIngestionBody, { dataset: "Metrics" }>;
    type Events = Extract<PatchIngestionBody, { dataset: "Events" }>;
    expectTypeOf<NonNullable<Metrics["column_mapping"]>["metric_name"]>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<Events["column_mapping"]>["event_name"]>().toEqualTypeOf<string>();
  });

  test("a minimal body with only the required fields compiles", () => {
    const metrics: PatchIngestionBody = { dataset: "Metrics", type: "databricks" };
    const metricsMapping: PatchIngestionBody = {
      dataset: "Metrics",
      type: "snowflake-v2",
      column_mapping: { unit_id: "u", id_type: "userID", dateid: "d", metric_name: "m" },
    };
    expectTypeOf(metrics).toMatchTypeOf<IngestionUpdateContractDto>();
    expectTypeOf(metricsMapping).toMatchTypeOf<IngestionUpdateContractDto>();
  });

  test("invalid bodies are compile errors", () => {
    const missingMetricName: PatchIngestionBody = {
      dataset: "Metrics",
      type: "databricks",
      // @ts-expect-error metric_name is required for the Metrics dataset
      column_mapping: { unit_id: "u", id_type: "userID", dateid: "d" },
    };
    const eventsWithMetricsMapping: PatchIngestionBody = {
      dataset: "Events",
      type: "databricks",
      // @ts-expect-error Events requires column_mapping.event_name, not metric_name
      column_mapping: { unit_id: "u", id_type: "userID", dateid: "d", metric_name: "m" },
    };
    // @ts-expect-error dataset must be one of the declared datasets
    const unknownDataset: PatchIngestionBody = { dataset: "Logs", type: "databricks" };
    expectTypeOf([missingMetricName, eventsWithMetricsMapping, unknownDataset]).not.toBeAny();
  });
});
