// Types for bench/latency-proxy.mjs, so TypeScript benchmarks can put it in front of the emulator.
import type { IncomingHttpHeaders } from "node:http";

export type ProxyMemo = Map<string, { status: number; headers: IncomingHttpHeaders; body: Buffer }>;

export function startLatencyProxy(
  target: string,
  delayMs: number,
  options?: { memo?: ProxyMemo; replay?: boolean },
): Promise<{
  url: string;
  requests: () => number;
  inFlight: () => number;
  replayed: () => number;
  operations: () => Record<string, number>;
  takeConcurrency: () => { peak: number; busyMs: number };
  close: () => Promise<void>;
}>;
