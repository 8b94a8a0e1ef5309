// Types for scripts/local-stack.mjs, which stays plain JavaScript so `npm run demo` needs no compiler.
import type { ChildProcess } from "node:child_process";

export function ensureMoto(options?: { quiet?: boolean }): void;
export function freePort(): Promise<number>;
export function startMoto(options?: {
  port?: number;
  env?: Record<string, string>;
  quiet?: boolean;
}): Promise<{ url: string; port: number; child: ChildProcess; stop: () => Promise<void> }>;
export function emulatorEnv(url: string): Record<string, string>;
