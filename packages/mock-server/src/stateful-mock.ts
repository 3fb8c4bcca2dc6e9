import { readFileSync } from "node:fs";
import { INTERNAL_HEADER, type SeenRequest, type SpecOperation, startConsoleFake } from "./console-fake.js";
import { answerControl, CONTROL_PREFIX, type Controls } from "./control-routes.js";
import { type Fault, startFaultFront } from "./fault-front.js";
import type { LoadableEntities } from "./generated/entities.js";
import { families as generatedFamilies } from "./generated/families.js";
import type { Family } from "./generated/family.js";
import { createQuotaGate, type QuotaGate } from "./quota-gate.js";
import {
  defaultSpecPath,
  listenError,
  MockStartError,
  type PrismMock,
  type StartPrismOptions,
  startPrismProxy,
} from "./start-prism.js";

/** A stateful mock: Prism in front of an in-memory Console API that remembers every write. */
export interface StatefulPrismMock extends PrismMock {
  /** Forgets every entity and every request seen. */
  reset(): void;
  /** The requests that reached the in-memory API (Prism's own 422s do not): method, path template, status. */
  requests(): SeenRequest[];
  /**
   * Answers the next matching request(s) with a fault: a status (a 500, a 429 without Retry-After as Statsig sends
   * it) or a connection reset, before the request reaches the API, or after it was applied (`afterApply`).
   */
  inject(fault: Fault): void;
  /**
   * Loads entities, by family (`{ gates: [...] }`), each as the family's item GET answers with it. Each is read back
   * through Prism: one that does not match the spec is refused with a one-line error, and nothing is loaded.
   */
  load(entities: LoadableEntities): Promise<void>;
  /** The mutations the quota refused with 429 (with the `quota` option; otherwise none): method, path template. */
  throttled(): SeenRequest[];
}

/**
 * `prism proxy <overlaid spec> <in-memory API> --errors`: every request and every answer is checked by the same
 * Prism the contract tests use. The in-memory API answers 501 for what it does not model, and Prism then mocks
 * those operations from the spec.
 */
export async function startStatefulMock(
  options: StartPrismOptions & { families?: readonly Family[] } = {},
): Promise<StatefulPrismMock> {
  const specFile = options.spec ?? defaultSpecPath();
  const operations = specOperations(specFile);
  const paths = [...new Set(operations.map((operation) => operation.template))];
  refuseControlPrefix(paths);
  const quota = quotaGate(options.quota);
  const fake = await startConsoleFake(options.families, operations);
  let proxy: PrismMock;
  try {
    // Prism on a port of its own; the port asked for is the front's, where faults are injected.
    proxy = await startPrismProxy(fake.url, { ...options, port: undefined });
  } catch (error) {
    await fake.stop();
    throw error;
  }
  let front: Awaited<ReturnType<typeof startFaultFront>> | undefined;
  const controls: Controls = {
    reset: () => {
      fake.reset();
      front?.clear();
      quota?.clear();
    },
    requests: fake.requests,
    throttled: () => quota?.throttled() ?? [],
    inject: (fault) => front?.inject(fault),
    load: (entities) => load(entities, options.families ?? generatedFamilies, fake, proxy.url),
  };
  try {
    // Controls first; then the quota, which counts every attempt, as the API's edge does, before any fault.
    front = await startFaultFront(
      proxy.url,
      paths,
      options,
      (request, response, template) =>
        answerControl(request, response, controls) || (quota?.answer(request, response, template) ?? false),
    );
  } catch (error) {
    await proxy.stop();
    await fake.stop();
    throw listenError(error, options.host ?? "127.0.0.1", options.port);
  }
  const started = front;
  return {
    url: started.url,
    port: started.port,
    stop: async () => {
      await started.stop();
      await proxy.stop();
      await fake.stop();
    },
    ...controls,
  };
}

/** Puts entities in place, then reads each back through Prism; nothing of a load that fails stays. */
async function load(
  entities: LoadableEntities,
  families: readonly Family[],
  fake: Awaited<ReturnType<typeof startConsoleFake>>,
  prismUrl: string,
): Promise<void> {
  if (entities === null || typeof entities !== "object" || Array.isArray(entities)) {
    throw new Error("load: entities are an object of lists by family, e.g. { gates: [...] }");
  }
  const loaded: [string, { ids: string[]; undo: () => void }][] = [];
  try {
    for (const [name, list] of Object.entries(entities)) {
      if (!Array.isArray(list)) throw new Error(`load: ${name} must be a list of entities`);
      loaded.push([name, fake.load(name, list)]);
    }
    for (const [name, { ids }] of loaded) {
      const family = families.find((f) => f.name === name) as Family;
      for (const [index, id] of ids.entries()) {
        const path = family.item.replace(`{${family.param}}`, encodeURIComponent(id));
        const answer = await fetch(`${prismUrl}${path}`, {
          headers: { "STATSIG-API-KEY": "console-mock-load", [INTERNAL_HEADER]: "load" },
        });
        const problem = await problemOf(answer);
        if (problem) throw new Error(`load: ${name}[${index}] (${id}) does not match the spec: ${problem}`);
      }
    }
  } catch (error) {
    // Last loaded first: each puts back what was there before it.
    for (const [, { undo }] of loaded.reverse()) undo();
    throw error;
  }
}

function quotaGate(option: StartPrismOptions["quota"]): QuotaGate | undefined {
  if (!option) return undefined;
  try {
    return createQuotaGate(option === true ? {} : option);
  } catch (error) {
    throw new MockStartError((error as Error).message, []);
  }
}

/**
 * The spec's operations, read once for the in-memory API and the front, as JSON: a YAML spec (which Prism alone would
 * take) is refused in one line. A spec that cannot be read gives none: Prism explains it, in its own words.
 */
function specOperations(specFile: string): SpecOperation[] {
  let text: string;
  try {
    text = readFileSync(specFile, "utf8");
  } catch {
    return [];
  }
  try {
    // A byte order mark is not JSON, but Prism takes it.
    const doc = JSON.parse(text.replace(/^\uFEFF/, "")) as { paths?: Record<string, object | null> } | null;
    return Object.entries(doc?.paths ?? {}).flatMap(([template, item]) =>
      Object.keys(item ?? {})
        .filter((key) => HTTP_METHODS.has(key))
        .map((key) => ({ method: key.toUpperCase(), template })),
    );
  } catch (error) {
    throw new MockStartError(
      `the stateful mock reads its spec as JSON, and ${specFile} is not JSON (${(error as Error).message}); convert it, or start the mock without stateful`,
      [],
    );
  }
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** The controls' paths must never shadow an operation of the spec being mocked. */
function refuseControlPrefix(paths: readonly string[]): void {
  const taken = paths.find((path) => path.startsWith(CONTROL_PREFIX));
  if (taken) throw new MockStartError(`the spec has ${taken}, under the mock's control prefix ${CONTROL_PREFIX}`, []);
}

/** Prism's first finding about an answer (its `--errors` 500, or a warning in `sl-violations`), or undefined. */
async function problemOf(answer: Response): Promise<string | undefined> {
  const text = await answer.text();
  const warning = answer.headers.get("sl-violations");
  if (answer.ok && !warning) return undefined;
  try {
    const found = (warning ? JSON.parse(warning) : JSON.parse(text).validation) as {
      location?: string[];
      message: string;
    }[];
    if (found?.[0]) return found[0].message;
  } catch {}
  return `HTTP ${answer.status}`;
}
