// The floor: the same 20 calls against a hand-written minimal types file and a 10-line fetch helper.
interface Gate {
  id: string;
  name: string;
  isEnabled: boolean;
}
interface Named {
  id: string;
  name: string;
}
interface List<T> {
  message: string;
  data: T[];
}
interface One<T> {
  message: string;
  data: T;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`https://statsigapi.net${path}`, {
    method,
    headers: { "STATSIG-API-KEY": "console-key", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

export async function main(): Promise<number> {
  const gates = await call<List<Gate>>("GET", "/console/v1/gates?limit=10");
  const gate = await call<One<Gate>>("GET", "/console/v1/gates/x");
  await call<One<Gate>>("POST", "/console/v1/gates", { name: "checkout" });
  await call<unknown>("DELETE", "/console/v1/gates/x");
  await call<List<unknown>>("GET", "/console/v1/gates/x/rules");
  await call<List<Named>>("GET", "/console/v1/dynamic_configs");
  await call<One<Named>>("GET", "/console/v1/dynamic_configs/x");
  await call<One<Named>>("POST", "/console/v1/dynamic_configs", { name: "config" });
  await call<unknown>("DELETE", "/console/v1/dynamic_configs/x");
  const experiments = await call<List<Named>>("GET", "/console/v1/experiments");
  await call<One<Named>>("GET", "/console/v1/experiments/x");
  await call<One<Named>>("POST", "/console/v1/experiments", { name: "exp" });
  await call<unknown>("DELETE", "/console/v1/experiments/x");
  await call<List<Named>>("GET", "/console/v1/segments");
  await call<One<Named>>("GET", "/console/v1/segments/x");
  await call<unknown>("DELETE", "/console/v1/segments/x");
  await call<One<{ ids: string[] }>>("GET", "/console/v1/segments/x/id_list");
  await call<List<Named>>("GET", "/console/v1/tags");
  await call<One<Named>>("GET", "/console/v1/tags/x");
  await call<unknown>("DELETE", "/console/v1/tags/x");
  return gates.data.length + gate.data.name.length + experiments.data.length;
}
