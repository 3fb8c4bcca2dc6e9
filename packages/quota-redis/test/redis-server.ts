import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Stops the server and starts a new, empty one on the same port (no persistence: state is lost). */
  restart(): Promise<void>;
  /** Sends the server a signal (SIGSTOP freezes it with its connections open; SIGCONT resumes it). */
  signal(signal: NodeJS.Signals): void;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A real redis-server (Debian's package; scripts/test.sh installs it) on a free loopback port, stopped by its own handle. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess = await launch(port);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      child = await launch(port);
    },
    signal(signal) {
      child.kill(signal);
    },
  };
}

export async function launch(port: number, extra: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", ...extra],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) =>
      reject(
        new Error(
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? "missing redis-server (these tests start one); install with: apt-get install -y redis-server (or run bash scripts/test.sh, which installs what the tests need)"
            : `cannot run redis-server: ${error.message}`,
        ),
      ),
    );
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  return child;
}
