import type { IncomingMessage, ServerResponse } from "node:http";

export interface QuotaWindow {
  limit: number;
  intervalMs: number;
}

export interface QuotaLog {
  /** Logs one mutation at `now` and says whether every window had room for it. */
  admit(now?: number): boolean;
  rejected(): number;
}

export function quotaLog(windows: readonly QuotaWindow[]): QuotaLog;

export interface QuotaServerOptions {
  hang?: boolean;
  hangFirst?: number;
  answer?: (res: ServerResponse, status: 200 | 201 | 429, req: IncomingMessage) => void;
}

export interface QuotaServer {
  url: string;
  rejected(): number;
  received(): number;
  close(): Promise<void>;
}

export function startQuotaServer(windows: readonly QuotaWindow[], options?: QuotaServerOptions): Promise<QuotaServer>;

export function idealDurationMs(n: number, windows: readonly QuotaWindow[]): number;
