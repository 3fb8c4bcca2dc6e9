import type { IncomingMessage, ServerResponse } from "node:http";
import type { SeenRequest } from "./console-fake.js";
import type { Fault } from "./fault-front.js";
import type { LoadableEntities } from "./generated/entities.js";

/**
 * The stateful mock's controls over HTTP, for tests in other languages (a Terraform provider's acceptance tests):
 * `POST reset`, `POST load` (a JSON body of entities by family), `POST inject` (a JSON fault), `GET requests`,
 * `GET throttled`.
 * The prefix is one no Console API path starts with; the mock refuses to start on a spec that uses it.
 */
export const CONTROL_PREFIX = "/__statsig_mock/";

export interface Controls {
  reset(): void;
  load(entities: LoadableEntities): Promise<void>;
  inject(fault: Fault): void;
  requests(): SeenRequest[];
  throttled(): SeenRequest[];
}

/** Answers a control request; false when the path is not a control's (the request goes on to the API). */
export function answerControl(request: IncomingMessage, response: ServerResponse, controls: Controls): boolean {
  const pathname = new URL(request.url ?? "/", "http://front.invalid").pathname;
  if (!pathname.startsWith(CONTROL_PREFIX)) return false;
  const name = pathname.slice(CONTROL_PREFIX.length);
  const method = (request.method ?? "GET").toUpperCase();
  const send = (status: number, body?: unknown) => {
    if (body === undefined) response.writeHead(status).end();
    else response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const run = async () => {
    if (name === "requests" && method === "GET") return send(200, controls.requests());
    if (name === "throttled" && method === "GET") return send(200, controls.throttled());
    if (name === "reset" && method === "POST") {
      controls.reset();
      return send(204);
    }
    if ((name === "load" || name === "inject") && method === "POST") {
      const body = await jsonBody(request);
      if (name === "load") await controls.load(body as LoadableEntities);
      else controls.inject(body as Fault);
      return send(204);
    }
    send(404, {
      message: `no control ${method} ${pathname} (controls: GET requests, GET throttled, POST reset, POST load, POST inject)`,
    });
  };
  // A refused load or fault is the caller's mistake: its one-line reason, as a 400.
  run().catch((error: unknown) => send(400, { message: error instanceof Error ? error.message : String(error) }));
  return true;
}

/** Entities for a load can be many; more than this is a mistake, not a test fixture. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    // Past the limit the rest is read and dropped, so the caller gets its 400 rather than a reset connection.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new Error(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`the body is not JSON: ${JSON.stringify(text.slice(0, 40))}`);
  }
}
