import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { type OperationInfo, operationCatalogue } from "@org/statsig-console-types";
import { afterAll, describe, expect, inject, test } from "vitest";
import { recordResult, writeCoverage } from "../src/coverage.js";
import { invalidBody, validRequest } from "../src/request-for.js";
import { deref, loadOverlaidSpec, operationOf, responseSchemaPointer } from "../src/spec.js";
import { createValidator } from "../src/validator.js";

const spec = loadOverlaidSpec();
const validator = createValidator(spec);
const client = createStatsigConsoleClient({
  apiKey: "console-contract-tests",
  baseUrl: inject("prismUrl"),
  retry: false,
  rateLimit: false,
});
type Call = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const call = (op: OperationInfo, init: object) => (client[op.method as "GET"] as unknown as Call)(op.path, init);

afterAll(() => writeCoverage(operationCatalogue));

describe("every operation answers 2xx with a body that matches its response schema", () => {
  test.each(operationCatalogue.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", async (_name, op) => {
    recordResult(op, "positive", "fail");
    const request = validRequest(spec, op, validator);
    const { data, error, response } = await call(op, {
      params: request.params,
      body: request.body,
      parseAs: request.parseAs,
    });
    expect(response.status, `${response.status}: ${JSON.stringify(error)}`).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    const declared = deref(
      spec,
      (operationOf(spec, op.method, op.path).responses as Record<string, unknown>)[response.status],
    );
    if ((declared?.content as Record<string, unknown> | undefined)?.["application/json"]) {
      const validate = validator.at(responseSchemaPointer(op.path, op.method, response.status));
      expect(validate(data), validator.errorsText(validate)).toBe(true);
    }
    recordResult(op, "positive", "pass");
  });
});

const withBody = operationCatalogue.filter((op) => op.hasBody);

describe("every operation with a request body rejects an invalid one (Prism validates it)", () => {
  test("they are exactly the operations whose overlaid spec declares a request body", () => {
    const declared = operationCatalogue.filter((op) => operationOf(spec, op.method, op.path).requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(0);
    expect(withBody).toEqual(declared);
  });
  test.each(withBody.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", async (_name, op) => {
    recordResult(op, "negative", "fail");
    const request = validRequest(spec, op, validator);
    const { response } = await call(op, { params: request.params, body: invalidBody(spec, op) });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    recordResult(op, "negative", "pass");
  });
});
