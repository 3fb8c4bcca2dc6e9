import { createStatsigConsoleClient } from "@org/statsig-console-client";
import { operationCatalogue } from "@org/statsig-console-types";
import { afterAll, describe, expect, inject, test } from "vitest";
import { recordResult, writeCoverage } from "../src/coverage.js";
import { typedCalls } from "../src/generated/index.js";
import { deref, loadOverlaidSpec, operationOf, requestBodySchemaPointer, responseSchemaPointer } from "../src/spec.js";
import { typedCallFor } from "../src/typed-call.js";
import { createValidator } from "../src/validator.js";

const spec = loadOverlaidSpec();
const validator = createValidator(spec);
const client = createStatsigConsoleClient({
  apiKey: "console-contract-tests",
  baseUrl: inject("prismUrl"),
  retry: false,
  rateLimit: false,
});
const callOf = (op: (typeof operationCatalogue)[number]) => typedCallFor(typedCalls, op);

afterAll(() => writeCoverage(operationCatalogue));

describe("the generated typed calls", () => {
  test("there is one per catalogue operation, for its method and path", () => {
    expect(Object.keys(typedCalls).sort()).toEqual(operationCatalogue.map((op) => op.name).sort());
    for (const op of operationCatalogue) expect([callOf(op).method, callOf(op).path]).toEqual([op.method, op.path]);
  });

  // The samples are type-checked where they are written; these show they are also what the spec describes, so a
  // type that accepts them agrees with the schema and not only with a sampler's guess.
  test("every request the calls send is valid by the spec", () => {
    const invalid = operationCatalogue.filter((op) => {
      const { body } = callOf(op).request;
      if (body === undefined) return false;
      return !validator.at(requestBodySchemaPointer(op.path, op.method))(body);
    });
    expect(invalid.map((op) => op.name)).toEqual([]);
  });

  test("every response sample is valid by its response schema", () => {
    const failures = operationCatalogue.flatMap((op) => {
      const { response, responseSchema } = callOf(op);
      if (responseSchema === undefined) return [];
      const validate = validator.at(responseSchema);
      return validate(response) ? [] : [`${op.name}: ${validator.errorsText(validate)}`];
    });
    expect(failures).toEqual([]);
  });
});

describe("every operation answers 2xx with a body that matches its response schema", () => {
  test.each(operationCatalogue.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", async (_name, op) => {
    recordResult(op, "positive", "fail");
    const { data, error, response } = await callOf(op).call(client);
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
    const { request, invalidBody } = callOf(op);
    expect(invalidBody).toBeDefined();
    // `request` is the client's untyped door: this body is outside the operation's type on purpose.
    const { response } = await client.request(op.method.toLowerCase() as "get", op.path, {
      params: request.params,
      body: invalidBody,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    recordResult(op, "negative", "pass");
  });
});
