// @ts-check
// Which Host and Origin values the console answers to, decided from configuration only, never
// from what a request says about itself. A DNS-rebinding page reaches 127.0.0.1 under its own
// name (Host: evil.example:3000, Origin: http://evil.example:3000, Sec-Fetch-Site: same-origin),
// so only a Host allow-list can tell it apart. Plain JavaScript so that scripts/start.mjs refuses
// a bad configuration before the server starts, with the rules the server applies per request.

export const publicUrlVar = "CONSOLE_PUBLIC_URL";
export const allowedHostsVar = "CONSOLE_ALLOWED_HOSTS";

const loopbackNames = ["127.0.0.1", "localhost", "[::1]"];
const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const ipv4 = new RegExp(`^${octet}(\\.${octet}){3}$`);
const dnsLabel = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
// Browsers (WHATWG URL) read a name whose last label is a number as an IPv4 address written
// another way (127.1, 0x7f.0.0.1, 2130706433): only the dotted-quad form is accepted.
const numericLabel = /^(\d+|0x[0-9a-f]*)$/;
const defaultPort = { http: 80, https: 443 };

/** @param {string} host */
export function isLoopback(host) {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A Host header (or host[:port]) parsed strictly: a DNS name (one trailing dot allowed), a dotted
 * IPv4 address or a bracketed IPv6 address, then an optional port 1–65535. Case-insensitive.
 * Anything else (user info, paths, commas of repeated headers, zone ids, empty ports) is null.
 * @param {string | null | undefined} value
 * @returns {{ hostname: string, port: number | null } | null}
 */
export function parseHost(value) {
  if (typeof value !== "string" || value.length > 300) return null;
  const m = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(value.toLowerCase());
  if (!m) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  const hostname = canonicalHostname(String(m[1]));
  return hostname ? { hostname, port } : null;
}

/** @param {string} raw */
function canonicalHostname(raw) {
  if (raw.startsWith("[")) {
    const inner = raw.slice(1, -1);
    if (!/^[0-9a-f:.]+$/.test(inner) || !inner.includes(":")) return null;
    try {
      return new URL(`http://${raw}/`).hostname; // the compressed form: [0:0:0:0:0:0:0:1] is [::1]
    } catch {
      return null;
    }
  }
  const name = raw.endsWith(".") ? raw.slice(0, -1) : raw;
  if (ipv4.test(name)) return name;
  const labels = name.split(".");
  if (name.length > 253 || !labels.every((l) => dnsLabel.test(l))) return null;
  return numericLabel.test(String(labels.at(-1))) ? null : name;
}

/**
 * @typedef {{ hostname: string, port: number | null, portOptional: boolean, schemes: string[] }} AllowedHost
 * `port` null: any port. `portOptional`: a Host or Origin without a port means this one (the scheme's default).
 */

/**
 * The allowed hosts from the environment: the loopback names with the console's PORT; the hosts of
 * CONSOLE_PUBLIC_URL and AUTH_URL; every CONSOLE_ALLOWED_HOSTS entry (host or host:port).
 * @param {Record<string, string | undefined>} env
 * @returns {{ hosts: AllowedHost[], network: boolean, problems: string[] }}
 */
export function hostPolicy(env) {
  const problems = [];
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    problems.push(`PORT must be a port number, not "${env.PORT}".`);
  // HOST itself when it is another loopback address (127.0.0.2); "::1" is [::1], listed already.
  const bindHost = isLoopback(env.HOST || "") ? parseHost(String(env.HOST).trim()) : null;
  const names = new Set(bindHost ? [...loopbackNames, bindHost.hostname] : loopbackNames);
  /** @type {AllowedHost[]} */
  const hosts = [...names].map((hostname) => ({ hostname, port, portOptional: port === 80, schemes: ["http"] }));

  for (const name of [publicUrlVar, "AUTH_URL"]) {
    const value = env[name]?.trim();
    if (!value) continue;
    const url = URL.canParse(value) ? new URL(value) : null;
    const scheme = url?.protocol.slice(0, -1);
    const parsed = url && parseHost(url.host);
    if (!url || (scheme !== "http" && scheme !== "https") || !parsed) {
      problems.push(`${name} must be the URL users open, such as https://console.example.com, not "${value}".`);
      continue;
    }
    const schemePort = defaultPort[scheme];
    hosts.push({
      hostname: parsed.hostname,
      port: parsed.port ?? schemePort,
      portOptional: !url.port,
      schemes: [scheme],
    });
  }

  for (const entry of (env[allowedHostsVar] ?? "").split(",").map((s) => s.trim())) {
    if (!entry) continue;
    const parsed = parseHost(entry);
    if (!parsed) {
      problems.push(
        `${allowedHostsVar}: "${entry}" is not a host name or host:port such as console.internal or 10.0.0.5:3000 (a URL belongs in ${publicUrlVar}).`,
      );
      continue;
    }
    hosts.push({ ...parsed, portOptional: false, schemes: ["http", "https"] });
  }
  return { hosts, network: hosts.length > names.size, problems };
}

/**
 * @param {AllowedHost} allowed
 * @param {{ hostname: string, port: number | null }} host
 */
function matches(allowed, host) {
  if (allowed.hostname !== host.hostname) return false;
  if (allowed.port === null) return true;
  return host.port === null ? allowed.portOptional : host.port === allowed.port;
}

/**
 * Whether the console answers a request with this Host header at all.
 * @param {AllowedHost[]} hosts
 * @param {string | null} header
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function hostDecision(hosts, header) {
  const howTo = `If you open the console under this name, add it to ${allowedHostsVar} or set ${publicUrlVar} to the console's URL.`;
  if (!header) return { ok: false, message: `The request has no Host header. ${howTo}` };
  const parsed = parseHost(header);
  if (!parsed) {
    return {
      ok: false,
      message:
        `The Host header "${header.slice(0, 100)}" is not a host name with an optional port. The ` +
        `console answers only to its loopback names and the hosts in ${allowedHostsVar} ` +
        `and ${publicUrlVar}.`,
    };
  }
  if (hosts.some((h) => matches(h, parsed))) return { ok: true };
  return {
    ok: false,
    message:
      `This console does not answer to the host "${header}": it is not one of its allowed hosts, ` +
      `which keeps other web sites from reaching it through DNS rebinding. ${howTo}`,
  };
}

/**
 * Whether a change comes from the console's own pages: Sec-Fetch-Site, when the browser sends it,
 * must say same-origin (or none: typed by the user); Origin, when sent, must be an allowed origin.
 * Neither header (curl, scripts) is not a browser, so not a cross-site request.
 * @param {AllowedHost[]} hosts
 * @param {{ origin: string | null, fetchSite: string | null }} request
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function originDecision(hosts, { origin, fetchSite }) {
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    return {
      ok: false,
      message: `Cross-origin request refused: changes must come from the console's own pages (the browser says ${fetchSite}).`,
    };
  }
  if (origin === null) return { ok: true };
  const m = /^(https?):\/\/([^/?#]+)$/.exec(origin.toLowerCase());
  const scheme = m?.[1] === "https" ? "https" : "http";
  const parsed = m && parseHost(m[2]);
  if (parsed) {
    const port = parsed.port === defaultPort[scheme] ? null : parsed.port;
    if (hosts.some((h) => h.schemes.includes(scheme) && matches(h, { hostname: parsed.hostname, port })))
      return { ok: true };
  }
  return {
    ok: false,
    message:
      `Cross-origin request refused: origin ${origin.slice(0, 100)} is not this console. If the ` +
      `console is served there, set ${publicUrlVar} to that URL.`,
  };
}
