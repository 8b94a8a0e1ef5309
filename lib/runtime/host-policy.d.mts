// Types for host-policy.mjs (plain JavaScript so that scripts/start.mjs runs it without a compiler).
export type AllowedHost = { hostname: string; port: number | null; portOptional: boolean; schemes: string[] };
export type Decision = { ok: true } | { ok: false; message: string };
export const publicUrlVar: "CONSOLE_PUBLIC_URL";
export const allowedHostsVar: "CONSOLE_ALLOWED_HOSTS";
export function isLoopback(host: string): boolean;
export function parseHost(value: string | null | undefined): { hostname: string; port: number | null } | null;
export function hostPolicy(env: Record<string, string | undefined>): {
  hosts: AllowedHost[];
  network: boolean;
  problems: string[];
};
export function hostDecision(hosts: AllowedHost[], header: string | null): Decision;
export function originDecision(
  hosts: AllowedHost[],
  request: { origin: string | null; fetchSite: string | null },
): Decision;
