import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathTemplates } from "./path-templates.js";

/**
 * A fault to answer one operation with, instead of (or after) its real answer. Injected in front of Prism: behind
 * it, a connection reset would come back as Prism's own 500.
 */
export interface Fault {
  method: string;
  /** The spec's path template, e.g. `/console/v1/gates/{id}`. */
  path: string;
  /** `status`: answer with `status`; `reset`: close the connection without an answer. */
  fault: "status" | "reset";
  /** For `status` (default 500). */
  status?: number;
  /** Seconds, sent as `Retry-After` with a `status` fault (a 429 from Statsig has none). */
  retryAfter?: number;
  /** The request reaches the API first (the write is applied), then the answer is lost or replaced. Default false. */
  afterApply?: boolean;
  /** How many matching requests get the fault. Default 1. */
  times?: number;
}

/**
 * A loopback front that forwards every request to `upstream`, except those matching an injected fault. Matching is
 * by method and the spec's path template (literal segments before parameters).
 */
export async function startFaultFront(
  upstream: string,
  /** The spec's path templates (read once, by the stateful mock). */
  paths: readonly string[],
  listen: { host?: string; port?: number } = {},
  /** Answers the requests it claims (true) before any fault or forwarding: the mock's HTTP controls. */
  intercept?: (request: IncomingMessage, response: ServerResponse, template: string | undefined) => boolean,
) {
  const templates = pathTemplates(paths.map((template) => ({ template })));
  const faults: (Fault & { left: number })[] = [];
  const target = new URL(upstream);

  const server = createServer((request, response) => {
    let pathname: string;
    try {
      pathname = new URL(request.url ?? "/", "http://front.invalid").pathname;
    } catch {
      // A request line no URL parser takes (`GET //[`): refused, and the mock keeps serving.
      response.writeHead(400, { "content-type": "application/json" }).end('{"status":400,"message":"bad request URL"}');
      return;
    }
    const template = templates.find((t) => t.pattern.test(pathname))?.template;
    if (intercept?.(request, response, template)) return;
    const method = (request.method ?? "GET").toUpperCase();
    const fault = faults.find((f) => f.left > 0 && f.method.toUpperCase() === method && f.path === template);
    if (fault) fault.left--;
    if (fault && !fault.afterApply) return applyFault(fault, request, response);
    forward(
      request,
      target,
      (upstreamResponse, body) => {
        if (fault) return applyFault(fault, request, response);
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers).end(body);
      },
      response,
    );
  });
  const host = listen.host ?? "127.0.0.1";
  // Node's 5 s default closes an idle connection just as a test client under load may reuse it ("other side
  // closed"); stop() closes every connection anyway.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    /** Throws one line for a fault that cannot be: an unknown path, fault kind, status or count. */
    inject(fault: Fault): void {
      faults.push({ ...checked(fault, templates), left: fault.times ?? 1 });
    },
    clear(): void {
      faults.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function checked(fault: Fault, templates: readonly { template: string }[]): Fault {
  const problem = (() => {
    if (fault === null || typeof fault !== "object") return "a fault is an object { method, path, fault, ... }";
    if (typeof fault.method !== "string" || !/^[A-Za-z]+$/.test(fault.method)) return "method must be an HTTP method";
    if (!templates.some((t) => t.template === fault.path)) {
      return `${fault.path} is not a path of the spec (use its template, e.g. /console/v1/gates/{id})`;
    }
    if (fault.fault !== "status" && fault.fault !== "reset") return 'fault must be "status" or "reset"';
    if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
      return "status must be a whole number from 200 to 599";
    }
    if (fault.retryAfter !== undefined && !(Number.isInteger(fault.retryAfter) && fault.retryAfter >= 0)) {
      return "retryAfter must be a whole number of seconds";
    }
    if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 1)) {
      return "times must be a whole number >= 1";
    }
    return undefined;
  })();
  if (problem) throw new Error(`inject: ${problem}`);
  return fault;
}

function applyFault(fault: Fault, request: IncomingMessage, response: ServerResponse): void {
  if (fault.fault === "reset") {
    request.socket.destroy();
    return;
  }
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  response.writeHead(status, headers).end(JSON.stringify({ status, message: `Injected fault: ${status}` }));
}

function forward(
  request: IncomingMessage,
  target: URL,
  done: (upstream: IncomingMessage, body: Buffer) => void,
  response: ServerResponse,
): void {
  const outgoing = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, host: target.host },
    },
    (upstream) => {
      const chunks: Buffer[] = [];
      upstream.on("data", (chunk: Buffer) => chunks.push(chunk));
      upstream.on("end", () => done(upstream, Buffer.concat(chunks)));
    },
  );
  outgoing.on("error", () => {
    if (!response.headersSent) response.writeHead(502).end();
  });
  request.pipe(outgoing);
}
