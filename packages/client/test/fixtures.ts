import { freePort } from "@org/statsig-console-mock";

export * from "../src/index.js";

/** A loopback URL where nothing listens, for connection-refused cases. */
export async function freeClosedPort(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
