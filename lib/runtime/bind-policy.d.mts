// Types for bind-policy.mjs (plain JavaScript so that node runs it without a compiler).
export type AuthSetup = { enabled: boolean; oidc: boolean; password: boolean; problems: string[] };
export function authSetup(env: Record<string, string | undefined>): AuthSetup;
export function isLoopback(host: string): boolean;
export function bindDecision(input: {
  host: string;
  env: Record<string, string | undefined>;
}): { ok: true; warning?: string } | { ok: false; message: string };
