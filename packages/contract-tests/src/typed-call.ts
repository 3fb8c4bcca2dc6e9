import type { CallFacts, StatsigConsoleClient } from "@org/statsig-console-client";

/**
 * What the generator writes for each operation (`src/generated/<operation>.ts`). The request and the response
 * sample are checked against the generated types where they are written; this is only the shape the suite reads.
 */
export interface TypedCall {
  method: string;
  path: string;
  request: { params?: { path?: object; query?: object }; body?: unknown };
  /** Only for operations with a request body. */
  invalidBody?: unknown;
  /** Only for operations whose success response is JSON. */
  response?: unknown;
  responseSchema?: string;
  call: (client: StatsigConsoleClient) => Promise<CallFacts & { data?: unknown; error?: unknown; response: Response }>;
}

/** The generated call of a catalogue operation (the generator writes one for each, so none is missing). */
export function typedCallFor(calls: Record<string, TypedCall>, op: { name: string; method: string; path: string }) {
  const call = calls[op.name];
  if (!call) throw new Error(`no generated call for ${op.method} ${op.path} (${op.name}): run \`pnpm generate\``);
  return call;
}
