// What the caller receives once an attempt has read the body: the same bytes for every reader, and answers the
// Response constructor would refuse passed on as fetch gave them.
import { afterEach, describe, expect, test } from "vitest";
import { createStatsigConsoleClient } from "./fixtures.js";
import { json, KEY, serversClosedAfterEach } from "./server.js";

const serve = serversClosedAfterEach(afterEach);

describe("after the attempt has read the body, every reader gets the same bytes", () => {
  const gates = { message: "Gates listed", data: [{ id: "a", name: "é ü" }] };

  test("parseAs json, text, arrayBuffer and blob", async () => {
    const server = await serve((_req, res) => json(res, 200, gates));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const path = "/console/v1/gates";
    expect((await client.GET(path)).data).toEqual(gates);
    expect((await client.GET(path, { parseAs: "text" })).data).toBe(JSON.stringify(gates));
    const buffer = (await client.GET(path, { parseAs: "arrayBuffer" })).data as ArrayBuffer;
    expect(new TextDecoder().decode(buffer)).toBe(JSON.stringify(gates));
    const blob = (await client.GET(path, { parseAs: "blob" })).data as Blob;
    expect(blob.type).toBe("application/json");
    expect(await blob.text()).toBe(JSON.stringify(gates));
  });

  test("an error body is parsed into `error`; the response keeps its url, status and headers", async () => {
    const server = await serve((_req, res) =>
      json(res, 404, { status: 404, message: "no such gate" }, { "x-id": "7" }),
    );
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const { error, response } = await client.GET("/console/v1/gates/{id}", { params: { path: { id: "nope" } } });
    expect(error).toEqual({ status: 404, message: "no such gate" });
    expect(response.url).toBe(`${server.url}/console/v1/gates/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-id")).toBe("7");
  });

  test("a middleware that clones the response reads the body too, and the call still gets its data", async () => {
    const server = await serve((_req, res) => json(res, 200, gates));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const seen: unknown[] = [];
    client.use({
      async onResponse({ response }) {
        const copy = response.clone();
        seen.push(await copy.json(), copy.status, copy.url, copy.headers.get("content-type"));
      },
    });
    const { data, response } = await client.GET("/console/v1/gates");
    expect(data).toEqual(gates);
    expect(seen).toEqual([gates, 200, `${server.url}/console/v1/gates`, "application/json"]);
    expect(response.bodyUsed).toBe(true);
  });

  // The same steps on the response a middleware sees and on a Response fetch would give: the same outcomes.
  async function exercise(response: Response): Promise<unknown[]> {
    const outcomes: unknown[] = [];
    const refused = (read: () => unknown) =>
      Promise.resolve()
        .then(read)
        .then(
          () => "read",
          (error: Error) => error.name,
        );
    const first = response.clone();
    outcomes.push(
      await first.text(),
      first.bodyUsed,
      await refused(() => first.json()),
      await refused(() => first.clone()),
    );
    const streamed = response.clone();
    const chunks: Uint8Array[] = [];
    const reader = (streamed.body as ReadableStream<Uint8Array>).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    reader.releaseLock();
    outcomes.push(
      new TextDecoder().decode(Buffer.concat(chunks)),
      streamed.bodyUsed,
      await refused(() => streamed.text()),
    );
    const bytes = response.clone();
    outcomes.push([...(await bytes.bytes())].length, await refused(() => bytes.arrayBuffer()));
    const blob = await response.clone().blob();
    outcomes.push(blob.type, await blob.text(), response.bodyUsed);
    const tee = response.clone();
    const stream = tee.body;
    outcomes.push(tee.body === stream); // one stream, however often asked for
    const twin = tee.clone(); // a clone of a response whose stream was asked for, not read
    outcomes.push(await twin.text(), await tee.text());
    const late = response.clone();
    void late.body; // asked for the stream, then read as JSON: the stream is what is read
    outcomes.push(await late.json(), late.bodyUsed);
    return outcomes;
  }

  test("the response a middleware sees reads as fetch's: once, then bodyUsed; streamed, cloned, as bytes or blob", async () => {
    const server = await serve((_req, res) => json(res, 200, gates));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    let seen: unknown[] = [];
    client.use({
      async onResponse({ response }) {
        seen = await exercise(response);
      },
    });
    const { data, response } = await client.GET("/console/v1/gates");
    expect(data).toEqual(gates);
    const reference = new Response(JSON.stringify(gates), { headers: { "content-type": "application/json" } });
    expect(seen).toEqual(await exercise(reference));
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(() => response.clone()).toThrow(TypeError);
  });

  test("a form-encoded answer reads as form data through the same response", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-www-form-urlencoded" }).end("name=a+gate&id=g1");
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    let form: FormData | undefined;
    client.use({
      async onResponse({ response }) {
        form = await response.clone().formData();
      },
    });
    const { data } = await client.GET("/console/v1/gates", { parseAs: "text" });
    expect(data).toBe("name=a+gate&id=g1");
    expect([form?.get("name"), form?.get("id")]).toEqual(["a gate", "g1"]);
  });

  test("a middleware may still replace the response", async () => {
    const server = await serve((_req, res) => json(res, 200, gates));
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    client.use({ onResponse: () => Response.json({ message: "replaced", data: [] }) });
    expect((await client.GET("/console/v1/gates")).data).toEqual({ message: "replaced", data: [] });
  });
});

describe("answers the Response constructor refuses still reach the caller as fetch gave them", () => {
  // A raw socket server: Node's http server will not write a reason phrase outside latin-1.
  async function rawServer(statusLine: string) {
    const { createServer } = await import("node:net");
    const server = createServer((socket) => {
      socket.once("data", () => {
        const body = '{"message":"odd"}';
        socket.end(
          `HTTP/1.1 ${statusLine}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  test.each([
    ["a status above 599", "600 Beyond", 600, "Beyond"],
    ["a reason phrase beyond latin-1", "200 \u{2713}kay", 200, "\u{2713}kay"],
  ])("%s", async (_what, statusLine, status, statusText) => {
    const server = await rawServer(statusLine);
    try {
      const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url, retry: false });
      const { response } = await client.GET("/console/v1/gates");
      expect([response.status, response.statusText]).toEqual([status, statusText]);
    } finally {
      await server.close();
    }
  });

  test("a HEAD answer has no body, as fetch's", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    });
    const client = createStatsigConsoleClient({ apiKey: KEY, baseUrl: server.url });
    const { response } = await client.HEAD("/console/v1/gates" as never, {} as never);
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });
});
