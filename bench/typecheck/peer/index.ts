// The same 20 operations, written against statsig@0.0.2 (Speakeasy-generated).
import { Statsig } from "statsig";

const statsig = new Statsig({ statsigApiKey: "console-key" });

export async function main(): Promise<number> {
  const gates = await statsig.gates.list({ limit: 10 });
  const gate = await statsig.gates.get({ id: "x" });
  await statsig.gates.create({ gateCreateDto: { name: "checkout" } });
  await statsig.gates.delete({ id: "x" });
  await statsig.gates.getRules({ id: "x" });
  await statsig.dynamicConfigs.list({});
  await statsig.dynamicConfigs.get({ id: "x" });
  await statsig.dynamicConfigs.create({ dynamicConfigCreateDto: { name: "config", idType: "userID" } });
  await statsig.dynamicConfigs.delete({ id: "x" });
  const experiments = await statsig.experiments.list({});
  await statsig.experiments.get({ id: "x" });
  await statsig.experiments.create({
    experimentCreateDto: { name: "exp", hypothesis: "h", groups: [], idType: "userID" } as never,
  });
  await statsig.experiments.delete({ id: "x" });
  await statsig.segments.list({});
  await statsig.segments.get({ id: "x" });
  await statsig.segments.delete({ id: "x" });
  await statsig.segments.getIDList({ id: "x" });
  await statsig.tags.list({});
  await statsig.tags.get({ id: "x" });
  await statsig.tags.delete({ id: "x" });
  return gates.data.length + String(gate.data.name).length + experiments.data.length;
}
