// A real redis-server on a free loopback port for tests and the bench, stopped by its own handle (plain
// JavaScript, with redis-server.d.ts beside it, so the bench's .mjs files can import it too).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** redis-server (Debian's package; scripts/test.sh installs it), without persistence: a restart loses the state. */
export async function startRedis(port) {
  const at = port ?? (await freePort());
  let child = await launch(at);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  return {
    port: at,
    url: `redis://127.0.0.1:${at}`,
    stop,
    async restart() {
      await stop();
      child = await launch(at);
    },
    signal(signal) {
      child.kill(signal);
    },
  };
}

export async function launch(port, extra = []) {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", ...extra],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) =>
      reject(
        new Error(
          error.code === "ENOENT"
            ? "missing redis-server (these tests start one); install with: apt-get install -y redis-server (or run bash scripts/test.sh, which installs what the tests need)"
            : `cannot run redis-server: ${error.message}`,
        ),
      ),
    );
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  return child;
}
