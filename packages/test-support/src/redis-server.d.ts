import type { ChildProcess } from "node:child_process";

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Stops the server and starts a new, empty one on the same port (no persistence: state is lost). */
  restart(): Promise<void>;
  /** Sends the server a signal (SIGSTOP freezes it with its connections open; SIGCONT resumes it). */
  signal(signal: NodeJS.Signals): void;
}

export function freePort(): Promise<number>;
/** A redis-server on `port` (default: a free one). */
export function startRedis(port?: number): Promise<RedisServer>;
export function launch(port: number, extra?: string[]): Promise<ChildProcess>;
