import { type Answer, json, type Planter } from "./api-server.js";

type Json = Record<string, unknown>;
const object = (value: unknown) => value as Json;
const first = (value: unknown) => (value as unknown[])[0] as Json;

/**
 * Plants one difference of each kind into otherwise clean answers, where the live API has been seen to drift:
 * an enum value inside nested arrays on a list's second page, a null, a wrong type, a missing required property
 * and an undeclared one on an item read through its list, a format, an undeclared status, an HTML error page,
 * and a 403. `expected` is what the report must hold: operation and status, pointer, kind, received.
 */
export const plantDrift: Planter & { operations: string[]; expected: string[][]; forbidden: string } = Object.assign(
  (template: string, page: number, answer: Answer): Answer => {
    const body = object(answer.body);
    switch (template) {
      case "/console/v1/gates":
        if (page === 2) first(first(first(body.data).rules).conditions).type = "brand_new_condition";
        return answer;
      case "/console/v1/gates/{id}": {
        const gate = object(body.data);
        gate.description = null;
        gate.isEnabled = "yes";
        delete gate.typeReason;
        first(gate.rules).brandNewField = 3;
        return answer;
      }
      case "/console/v1/users/teams":
        first(first(body.data).members).email = "not-an-email";
        return answer;
      case "/console/v1/metrics/list":
        return json(418, { message: "I'm a teapot" });
      case "/console/v1/experiments":
        return json(403, { status: 403, message: "This key cannot read experiments" });
      case "/console/v1/dynamic_configs":
        return { status: 500, contentType: "text/html", body: "<html><body>Bad gateway</body></html>" };
      default:
        return answer;
    }
  },
  {
    operations: [
      "/console/v1/gates",
      "/console/v1/gates/{id}",
      "/console/v1/users/teams",
      "/console/v1/metrics/list",
      "/console/v1/experiments",
      "/console/v1/dynamic_configs",
    ],
    forbidden: "/console/v1/experiments",
    expected: [
      ["GET /console/v1/gates 200", "/data/*/rules/*/conditions/*/type", "enum-value", "brand_new_condition"],
      ["GET /console/v1/gates/{id} 200", "/data/description", "null", "null"],
      ["GET /console/v1/gates/{id} 200", "/data/isEnabled", "type", "string"],
      ["GET /console/v1/gates/{id} 200", "/data/typeReason", "missing-required", "absent"],
      ["GET /console/v1/gates/{id} 200", "/data/rules/*/brandNewField", "unknown-property", "integer"],
      ["GET /console/v1/users/teams 200", "/data/*/members/*/email", "format", "string"],
      ["GET /console/v1/metrics/list 418", "", "status", "418"],
      ["GET /console/v1/dynamic_configs 500", "", "content-type", "text/html"],
    ],
  },
);
