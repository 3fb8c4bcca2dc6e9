import { Statsig } from "statsig";

const statsig = new Statsig({ statsigApiKey: "console-key" });
export async function main() {
  const gates = await statsig.gates.list({ limit: 10 });
  const wrong: number = gates.data;
  const alsoWrong: string = statsig;
  return [wrong, alsoWrong];
}
