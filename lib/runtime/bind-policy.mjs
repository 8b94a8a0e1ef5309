// @ts-check
// Who may reach the console, and under which names, decided before the server starts. Plain
// JavaScript so that scripts/start.mjs and scripts/demo.mjs (run by node without a compiler) and the
// TypeScript server (lib/runtime/env.ts) share one rule for "authentication is configured".
import { allowedHostsVar, hostPolicy, isLoopback, publicUrlVar } from "./host-policy.mjs";
import { isPasswordHash } from "./password.mjs";

/** @param {string | undefined} v */
const set = (v) => typeof v === "string" && v.trim() !== "";

/**
 * Which sign-in methods the environment configures, and what is half-configured.
 * @param {Record<string, string | undefined>} env
 */
export function authSetup(env) {
  const problems = [];
  const oidcVars = ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"];
  const oidcSet = oidcVars.filter((k) => set(env[k]));
  const oidc = oidcSet.length === oidcVars.length;
  if (oidcSet.length > 0 && !oidc) {
    problems.push(`OpenID Connect is half-configured: also set ${oidcVars.filter((k) => !set(env[k])).join(", ")}.`);
  }
  // Auth.js builds the OIDC redirect URI from it; without it callbacks would name the server's internal host.
  if (oidc && !set(env.AUTH_URL))
    problems.push(
      "AUTH_URL is not set: with OpenID Connect it must be the console's public URL (the provider redirects to AUTH_URL/api/auth/callback/oidc).",
    );
  const password = set(env.CONSOLE_ADMIN_PASSWORD_HASH);
  const viewerPassword = set(env.CONSOLE_VIEWER_PASSWORD_HASH);
  for (const k of ["CONSOLE_ADMIN_PASSWORD_HASH", "CONSOLE_VIEWER_PASSWORD_HASH"]) {
    const v = env[k];
    if (set(v) && !isPasswordHash(String(v))) {
      problems.push(
        `${k} is not a hash from \`node scripts/hash-password.mjs\` (never put the password itself there; single-quote the value in shells, it contains $).`,
      );
    }
  }
  if (viewerPassword && !password)
    problems.push(
      "CONSOLE_VIEWER_PASSWORD_HASH is set without CONSOLE_ADMIN_PASSWORD_HASH: configure the admin (operator) first.",
    );
  const enabled = oidc || password;
  if ((enabled || oidcSet.length > 0) && !set(env.AUTH_SECRET)) {
    problems.push(
      "AUTH_SECRET is not set: it encrypts the session cookies. Generate one with `openssl rand -base64 32`.",
    );
  }
  return { enabled, oidc, password, problems };
}

export { isLoopback };

const allowUnauthenticatedVar = "CONSOLE_ALLOW_UNAUTHENTICATED_NETWORK";

const howToConfigure = [
  "Configure sign-in before serving the console on a network address:",
  "  - OpenID Connect: AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET, and CONSOLE_OPERATOR_GROUPS / CONSOLE_OPERATOR_EMAILS",
  "    (optionally CONSOLE_VIEWER_GROUPS / CONSOLE_VIEWER_EMAILS) to map users to roles;",
  "  - or a static admin: CONSOLE_ADMIN_PASSWORD_HASH from `node scripts/hash-password.mjs`;",
  "  - and in both cases AUTH_SECRET (`openssl rand -base64 32`).",
  "Or bind to 127.0.0.1 (unset HOST). On a trusted, isolated network only, " +
    allowUnauthenticatedVar +
    "=1 serves it without sign-in.",
].join("\n");

const howToNameHosts = [
  "The console answers only to the host names it is configured with (DNS-rebinding protection):",
  `  - ${publicUrlVar}: the URL users open, e.g. https://console.example.com (AUTH_URL counts too);`,
  `  - and/or ${allowedHostsVar}: more names, comma-separated, e.g. console.internal,10.0.0.5:3000.`,
].join("\n");

/**
 * Whether the server may start on this host with this environment.
 * @param {{ host: string, env: Record<string, string | undefined> }} input
 * @returns {{ ok: true, warning?: string } | { ok: false, message: string }}
 */
export function bindDecision({ host, env }) {
  const auth = authSetup(env);
  if (auth.problems.length > 0) {
    return {
      ok: false,
      message: `Refusing to start: the sign-in configuration is incomplete.\n  - ${auth.problems.join("\n  - ")}`,
    };
  }
  const hosts = hostPolicy({ ...env, HOST: host });
  if (hosts.problems.length > 0) {
    return {
      ok: false,
      message: `Refusing to start: the allowed hosts are misconfigured.\n  - ${hosts.problems.join("\n  - ")}`,
    };
  }
  if (isLoopback(host)) return { ok: true };
  const refusals = [];
  let warning;
  if (!auth.enabled && env[allowUnauthenticatedVar] === "1") {
    warning =
      `WARNING: serving on ${host} WITHOUT AUTHENTICATION because ${allowUnauthenticatedVar}=1. ` +
      `Anyone who can reach this address can change bucket encryption.`;
  } else if (!auth.enabled) {
    refusals.push(
      `Refusing to start on ${host} without authentication: anyone on the network could change bucket encryption.\n${howToConfigure}`,
    );
  }
  if (!hosts.network) {
    refusals.push(
      `Refusing to start on ${host} without a public URL or allowed hosts: browsers would reach it under a name it refuses.\n${howToNameHosts}`,
    );
  }
  if (refusals.length > 0) return { ok: false, message: refusals.join("\n\n") };
  return warning ? { ok: true, warning } : { ok: true };
}
