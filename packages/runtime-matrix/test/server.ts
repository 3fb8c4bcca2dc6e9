import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

/** One request as the server saw it. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** The client went away before the answer (an aborted request). */
  abandoned: boolean;
}

export interface TestServer {
  url: string;
  seen: Seen[];
  stop(): Promise<void>;
}

const gate = (id: string) => ({
  id,
  name: id,
  description: `the ${id} gate`,
  isEnabled: true,
  lastModifierID: null,
  lastModifiedTime: null,
  lastModifierEmail: null,
  lastModifierName: null,
  createdTime: 1_700_000_000_000,
  creatorName: null,
  rules: [],
  status: "In Progress",
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

const TYPES: Record<string, string> = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html" };

/**
 * A loopback Console API double with just what the scenarios need, plus, for the browser, the page and
 * the installed packages (`/__modules/...` from `modulesDir`, read-only). It sends no CORS headers.
 * Stopped by its own handle: open connections (the held request) are closed.
 */
export async function startTestServer(files: { modulesDir: string; scenarios: string }): Promise<TestServer> {
  const seen: Seen[] = [];
  let rateLimitedOnce = false;
  const hangWaiters: (() => void)[] = [];
  let hanging: Seen | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse, record: Seen) => {
    const url = new URL(req.url ?? "/", "http://test");
    const path = url.pathname;
    if (path === "/__test/page.html") {
      const importMap = {
        imports: {
          "@org/statsig-console-client": "/__modules/@org/statsig-console-client/dist/index.js",
          "@org/statsig-console-types": "/__modules/@org/statsig-console-types/dist/index.js",
          // The client imports the types package's runtime subpaths (the quota windows) too.
          "@org/statsig-console-types/quota-windows": "/__modules/@org/statsig-console-types/dist/quota-windows.js",
          "openapi-fetch": "/__modules/openapi-fetch/dist/index.mjs",
        },
      };
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><script type="importmap">${JSON.stringify(importMap)}</script><p>runtime matrix</p>`);
      return;
    }
    if (path === "/__test/scenarios.js" || path.startsWith("/__modules/")) {
      const file =
        path === "/__test/scenarios.js"
          ? files.scenarios
          : normalize(join(files.modulesDir, decodeURIComponent(path.slice("/__modules/".length))));
      if (file !== files.scenarios && !file.startsWith(files.modulesDir + sep)) return json(res, 403, {});
      const content = await readFile(file).catch(() => undefined);
      if (!content) return json(res, 404, { message: `no ${path}` });
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(content);
      return;
    }
    if (path === "/__test/wait-for-hang") {
      // Answers once the held request has arrived: the script aborts only then.
      const answer = () => json(res, 200, { held: true });
      if (hanging) answer();
      else hangWaiters.push(answer);
      return;
    }
    if (req.method === "GET" && path === "/console/v1/gates/hang") {
      hanging = record;
      for (const wake of hangWaiters.splice(0)) wake();
      return; // never answered: the client aborts
    }
    if (req.method === "GET" && path === "/console/v1/gates/missing") {
      return json(res, 404, { message: "Gate not found: missing" });
    }
    if (req.method === "GET" && path === "/console/v1/gates/old_name") {
      res.writeHead(301, { location: "/console/v1/gates/new_name" });
      res.end();
      return;
    }
    if (req.method === "GET" && path.startsWith("/console/v1/gates/")) {
      return json(res, 200, { message: "Gate read successfully", data: gate(path.split("/").pop() as string) });
    }
    if (req.method === "POST" && path === "/console/v1/gates") {
      const { name } = JSON.parse(record.body) as { name: string };
      if (name === "rate_limited_once" && !rateLimitedOnce) {
        rateLimitedOnce = true;
        return json(res, 429, { message: "Too many requests" }, { "retry-after": "0" });
      }
      return json(res, 201, { message: "Gate created successfully", data: gate(name) });
    }
    if (req.method === "GET" && path === "/console/v1/gates") {
      const page = Number(url.searchParams.get("page") ?? 1);
      const limit = Number(url.searchParams.get("limit") ?? 2);
      const all = ["alpha", "beta", "gamma"];
      const data = all.slice((page - 1) * limit, page * limit).map(gate);
      const last = page * limit >= all.length;
      return json(res, 200, {
        message: "Gates listed successfully",
        data,
        pagination: {
          itemsPerPage: limit,
          pageNumber: page,
          totalItems: all.length,
          nextPage: last ? null : `/console/v1/gates?page=${page + 1}&limit=${limit}`,
          previousPage: page > 1 ? `/console/v1/gates?page=${page - 1}&limit=${limit}` : null,
          all: `/console/v1/gates?limit=${all.length}`,
        },
      });
    }
    json(res, 404, { message: `no route ${req.method} ${path}` });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const record: Seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        abandoned: false,
      };
      seen.push(record);
      res.on("close", () => {
        if (!res.writableFinished) record.abandoned = true;
      });
      handle(req, res, record).catch((error: unknown) => json(res, 500, { message: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A loopback port that was free a moment ago and has nothing listening: connecting is refused. */
export async function refusedUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
