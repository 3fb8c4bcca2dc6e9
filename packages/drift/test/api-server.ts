import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { sample } from "openapi-sampler";
import { type WalkStep, walkPlan } from "../src/index.js";

type Json = Record<string, unknown>;

/**
 * The overlaid spec the mock ships, without its examples: bodies are sampled from the schemas alone (some examples
 * fail their own schema, and the clean server must answer exactly what the spec declares).
 */
export const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@org/statsig-console-mock/openapi.json"), "utf8"),
  (key, value) => (key === "example" || key === "examples" ? undefined : value),
) as Json & { paths: Record<string, Record<string, Json>>; components: Json };

export interface Answer {
  status: number;
  contentType: string;
  body: unknown;
  headers?: Record<string, string>;
}

/** What a test changes in an answer: the operation (path template), the page asked for, the clean answer. */
export type Planter = (template: string, page: number, answer: Answer) => Answer;

export interface ApiServer {
  url: string;
  /** Every request received, in order: method and the URL's path (concrete, as sent). */
  requests: { method: string; path: string }[];
  /** Requests other than GET: a server that would accept them counts them. */
  mutations: () => number;
  close: () => Promise<void>;
}

/** The body the spec declares for a GET's 200 answer, every declared property present, nothing else. */
export function cleanBody(template: string): unknown {
  let response = ((spec.paths[template]?.get?.responses ?? {}) as Json)["200"] as Json;
  if (typeof response.$ref === "string") {
    response = (spec.components.responses as Json)[response.$ref.split("/").pop() as string] as Json;
  }
  const schema = ((response.content as Json)["application/json"] as Json).schema;
  return sample(schema as never, { skipReadOnly: false, skipWriteOnly: true, skipNonRequired: false }, spec);
}

/**
 * A loopback Console API for the operations of the walk: answers the key it was given with bodies sampled from the
 * overlaid spec (two pages per paginated list), 401 to any other key. A planter turns it into a drifted API. It
 * answers mutations with 200, as a careless fake would, and counts them.
 */
export async function startApiServer(options: {
  key: string;
  plant?: Planter;
  plan?: readonly WalkStep[];
  /** Sent with every answer (a `retry-after` for 429s). */
  headers?: Record<string, string>;
}) {
  const plan = options.plan ?? walkPlan;
  // Literal paths first: `/users/teams` is not the user `teams`.
  const templates = plan
    .flatMap((step) => [step.path, ...(step.item ? [step.item.path] : [])])
    .sort((a, b) => a.split("{").length - b.split("{").length);
  const requests: ApiServer["requests"] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push({ method: request.method ?? "", path: url.pathname });
    const send = (answer: Answer) => {
      const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      response
        .writeHead(answer.status, { ...options.headers, ...answer.headers, "content-type": answer.contentType })
        .end(text);
    };
    if (request.method !== "GET") return drain(request, () => send(json(200, { message: "ok" })));
    if (request.headers["statsig-api-key"] !== options.key) {
      return send(json(401, { status: 401, message: "Invalid or missing Console API key" }));
    }
    const template = templates.find((t) => matches(t, url.pathname));
    if (!template) return send(json(404, { status: 404, message: "not found" }));
    const page = Number(url.searchParams.get("page") ?? 1);
    const body = cleanBody(template) as Json;
    if (body.pagination && typeof body.pagination === "object") {
      Object.assign(body.pagination, { pageNumber: page, nextPage: page < 2 ? `${url.pathname}?page=2` : null });
    }
    send((options.plant ?? ((_t, _p, a) => a))(template, page, json(200, body)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    mutations: () => requests.filter((r) => r.method !== "GET").length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies ApiServer;
}

export const json = (status: number, body: unknown): Answer => ({
  status,
  contentType: "application/json; charset=utf-8",
  body,
});

function matches(template: string, path: string): boolean {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${pattern}$`).test(path);
}

function drain(request: IncomingMessage, then: () => void): void {
  request.resume();
  request.on("end", then);
}
