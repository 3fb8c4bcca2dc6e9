import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createStatsigConsoleClient, NotFoundError, paginate, ResponseParseError } from "./fixtures.js";
import { json, KEY, startServer, type TestServer } from "./server.js";

const TOTAL = 25;
let server: TestServer;
let failOnPage: number | undefined;

beforeAll(async () => {
  // Mimics Statsig's list responses: `pagination.nextPage` is a URL until the last page, then null.
  server = await startServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const page = Number(url.searchParams.get("page") ?? 1);
    const limit = Number(url.searchParams.get("limit") ?? 10);
    if (page === failOnPage) return json(res, 404, { message: "gone" });
    const items = Array.from({ length: TOTAL }, (_, i) => ({ id: `gate_${i}` })).slice(
      (page - 1) * limit,
      page * limit,
    );
    const hasNext = page * limit < TOTAL;
    json(res, 200, {
      message: "ok",
      data: items,
      pagination: {
        itemsPerPage: limit,
        pageNumber: page,
        totalItems: TOTAL,
        nextPage: hasNext ? `/console/v1/gates?page=${page + 1}&limit=${limit}` : null,
        previousPage: null,
        all: "",
      },
    });
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  failOnPage = undefined;
});

const client = () => createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });

describe("paginate", () => {
  test("walks every page, in order, and stops on the last", async () => {
    const ids: string[] = [];
    for await (const gate of paginate(client(), "/console/v1/gates", { params: { query: { limit: 10 } } }))
      ids.push(gate.id);
    expect(ids).toEqual(Array.from({ length: TOTAL }, (_, i) => `gate_${i}`));
    expect(server.received.map((r) => r.url)).toEqual([
      "/console/v1/gates?limit=10&page=1",
      "/console/v1/gates?limit=10&page=2",
      "/console/v1/gates?limit=10&page=3",
    ]);
  });

  test("break stops fetching", async () => {
    for await (const gate of paginate(client(), "/console/v1/gates", { params: { query: { limit: 10 } } })) {
      if (gate.id === "gate_3") break;
    }
    expect(server.received).toHaveLength(1);
  });

  test("maxItems and maxPages", async () => {
    const items = [];
    for await (const g of paginate(
      client(),
      "/console/v1/gates",
      { params: { query: { limit: 10 } } },
      { maxItems: 12 },
    ))
      items.push(g);
    expect(items).toHaveLength(12);
    expect(server.received).toHaveLength(2);
    server.received.length = 0;
    const pages = [];
    for await (const g of paginate(client(), "/console/v1/gates", { params: { query: { limit: 5 } } }, { maxPages: 2 }))
      pages.push(g);
    expect(pages).toHaveLength(10);
    expect(server.received).toHaveLength(2);
  });

  test("starts from a given page", async () => {
    const ids = [];
    for await (const g of paginate(client(), "/console/v1/gates", { params: { query: { limit: 10, page: 3 } } }))
      ids.push(g.id);
    expect(ids).toEqual(["gate_20", "gate_21", "gate_22", "gate_23", "gate_24"]);
  });

  test("a failing page throws its typed error", async () => {
    failOnPage = 2;
    const seen: string[] = [];
    const run = async () => {
      for await (const g of paginate(client(), "/console/v1/gates", { params: { query: { limit: 10 } } }))
        seen.push(g.id);
    };
    await expect(run()).rejects.toBeInstanceOf(NotFoundError);
    expect(seen).toHaveLength(10);
  });
});

describe("paginate against servers that do not paginate as documented", () => {
  const pageOf = (page: number, items: unknown, nextPage: string | null, pageNumber: number | undefined = page) => ({
    message: "ok",
    data: items,
    pagination: { itemsPerPage: 2, pageNumber, totalItems: 100, nextPage, previousPage: null, all: "" },
  });
  const collect = async (baseUrl: string, options?: { maxPages?: number }) => {
    const seen: unknown[] = [];
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl, retry: false });
    const error = await (async () => {
      for await (const gate of paginate(client, "/console/v1/gates", { params: { query: { limit: 2 } } }, options))
        seen.push(gate);
    })().catch((e: unknown) => e);
    return { seen, error };
  };
  let other: TestServer | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
  });

  test("a server that ignores `page`: the first page once, then a ResponseParseError, not an endless loop", async () => {
    other = await startServer((_req, res) => json(res, 200, pageOf(1, [{ id: "a" }, { id: "b" }], "/next")));
    const { seen, error } = await collect(other.url);
    expect(seen).toEqual([{ id: "a" }, { id: "b" }]);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ method: "GET", path: "/console/v1/gates", mayHaveBeenApplied: false });
    expect(other.received).toHaveLength(2);
  });

  test("a pageNumber that is not a whole page (the spec allows any number): the next page is counted, not derived from it", async () => {
    other = await startServer((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      json(res, 200, pageOf(page, [{ id: `g${page}` }], page < 3 ? `/next?page=${page + 1}` : null, 45.25));
    });
    const { seen, error } = await collect(other.url);
    expect(error).toBeUndefined();
    expect(seen).toEqual([{ id: "g1" }, { id: "g2" }, { id: "g3" }]);
    expect(other.received.map((r) => new URL(r.url, "http://x").searchParams.get("page"))).toEqual(["1", "2", "3"]);
  });

  test("a server that echoes the page number but repeats the items", async () => {
    other = await startServer((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      json(res, 200, pageOf(page, [{ id: "same" }], `/console/v1/gates?page=${page + 1}`));
    });
    const { seen, error } = await collect(other.url);
    expect(seen).toEqual([{ id: "same" }]);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(other.received).toHaveLength(2);
  });

  test.each([
    ["an empty body", ""],
    ["null", "null"],
    ["a list", "[]"],
    ["an object without data", '{"message":"ok"}'],
    ["data that is not a list", '{"message":"ok","data":{"id":"a"},"pagination":{"nextPage":null}}'],
  ])("%s is not a page: ResponseParseError, nothing yielded", async (_name, body) => {
    other = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const { seen, error } = await collect(other.url);
    expect(seen).toEqual([]);
    expect(error).toBeInstanceOf(ResponseParseError);
  });

  test("an empty page ends the walk even when it names a next page", async () => {
    other = await startServer((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      json(res, 200, pageOf(page, page === 1 ? [{ id: "a" }] : [], `/console/v1/gates?page=${page + 1}`));
    });
    const { seen, error } = await collect(other.url);
    expect(error).toBeUndefined();
    expect(seen).toEqual([{ id: "a" }]);
    expect(other.received).toHaveLength(2);
  });

  test("a server that never says 'last page' stops at the default cap of 1000 pages", async () => {
    other = await startServer((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      json(res, 200, pageOf(page, [{ id: `g${page}` }], `/console/v1/gates?page=${page + 1}`));
    });
    const { seen, error } = await collect(other.url);
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(1000);
    expect(other.received).toHaveLength(1000);
    // 1,000 round trips: under 2 s alone, but a loaded 2-core CI machine (every package's suites at once) took 20 s.
  }, 120_000);
});
