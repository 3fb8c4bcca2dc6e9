import { describe, expectTypeOf, test } from "vitest";
import type {
  AIConfigVersionCreateDto,
  ExperimentCreateDto,
  ExternalMetricDefinitionContractDto,
  IngestionUpdateContractDto,
} from "../src/index.js";

// An enum reached from a response: the known values plus any string (the live API sends values the spec
// does not list yet); reached only from requests: closed. See the README's "Open response enums".
type MetricType = ExternalMetricDefinitionContractDto["type"];
type QualityStatus = NonNullable<ExperimentCreateDto["manualQualityScores"]>[number]["status"];
type PromptRole = NonNullable<AIConfigVersionCreateDto["prompts"]>[number]["role"];

describe("open response enums", () => {
  test("a response enum accepts values the spec does not list, and keeps the known ones for completion", () => {
    const metric = { type: "ratio" } as ExternalMetricDefinitionContractDto;
    // Comparing with a value from next week's API compiles (with a closed union it is TS2367).
    const isNew = metric.type === "a_type_added_next_week";
    expectTypeOf(isNew).toEqualTypeOf<boolean>();
    expectTypeOf<"a_type_added_next_week">().toMatchTypeOf<MetricType>();
    expectTypeOf<Extract<MetricType, "ratio">>().toEqualTypeOf<"ratio">();
    expectTypeOf<MetricType>().not.toEqualTypeOf<string>();
  });

  test("an enum used only in requests stays closed: a typo is a compile error", () => {
    const ok: QualityStatus = "PASSED";
    // @ts-expect-error "PASSD" is not a value of a request-only enum
    const typo: QualityStatus = "PASSD";
    expectTypeOf<QualityStatus>().toEqualTypeOf<"PASSED" | "FAILED" | "WARNING">();
    expectTypeOf([ok, typo]).not.toBeAny();
  });

  test("a schema used in both a request and a response is open (what a read returns can be written back)", () => {
    expectTypeOf<"tool">().toMatchTypeOf<PromptRole>();
    expectTypeOf<Extract<PromptRole, "system">>().toEqualTypeOf<"system">();
  });

  test("one-value enums (discriminators) stay literals, so a union of DTOs still narrows", () => {
    type Metrics = Extract<IngestionUpdateContractDto, { dataset: "Metrics" }>;
    expectTypeOf<Metrics["dataset"]>().toEqualTypeOf<"Metrics">();
    expectTypeOf<NonNullable<Metrics["column_mapping"]>>().toHaveProperty("metric_name");
  });
});
