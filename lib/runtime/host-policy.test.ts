import assert from "node:assert/strict";
import { test } from "node:test";
import { hostDecision, hostPolicy, originDecision, parseHost } from "./host-policy.mjs";

test("Host headers are parsed strictly: names, dotted IPv4, bracketed IPv6, one trailing dot, any case", () => {
  const parsed: [string, { hostname: string; port: number | null }][] = [
    ["127.0.0.1:3000", { hostname: "127.0.0.1", port: 3000 }],
    ["LocalHost:3000", { hostname: "localhost", port: 3000 }],
    ["localhost.:3000", { hostname: "localhost", port: 3000 }],
    ["console.example.com", { hostname: "console.example.com", port: null }],
    ["xn--bcher-kva.example:8443", { hostname: "xn--bcher-kva.example", port: 8443 }],
    ["[::1]:3000", { hostname: "[::1]", port: 3000 }],
    ["[0:0:0:0:0:0:0:1]:3000", { hostname: "[::1]", port: 3000 }],
    ["[::FFFF:127.0.0.1]", { hostname: "[::ffff:7f00:1]", port: null }],
    ["127.0.0.1.:03000", { hostname: "127.0.0.1", port: 3000 }],
  ];
  for (const [header, expected] of parsed) assert.deepEqual(parseHost(header), expected, header);
  const refused = [
    "",
    ":3000",
    "127.0.0.1:",
    "127.0.0.1:0",
    "127.0.0.1:65536",
    "127.0.0.1:3000:1",
    "::1",
    "[::1",
    "[::1]:3000]",
    "[fe80::1%25eth0]",
    "[v1.fe]",
    "[127.0.0.1]",
    "localhost..:3000",
    ".localhost",
    "127.1:3000",
    "0x7f.0.0.1",
    "2130706433:3000",
    "127.0.0.01",
    "256.0.0.1",
    "user@127.0.0.1:3000",
    "127.0.0.1:3000/path",
    "127.0.0.1:3000, evil.example",
    "evil example",
    "bücher.example",
    "-bad.example",
    `${"a".repeat(64)}.example`,
  ];
  for (const header of refused) assert.equal(parseHost(header), null, header);
});

const network = hostPolicy({
  PORT: "3000",
  CONSOLE_PUBLIC_URL: "https://Console.Example.com",
  CONSOLE_ALLOWED_HOSTS: " ops.internal:8443 , 10.0.0.5,,",
}).hosts;

test("the allow-list: loopback names with the port, the public URL's host, CONSOLE_ALLOWED_HOSTS", () => {
  const allowed = [
    "127.0.0.1:3000",
    "localhost:3000",
    "LOCALHOST.:3000",
    "[::1]:3000",
    "console.example.com",
    "console.example.com:443",
    "CONSOLE.EXAMPLE.COM.",
    "ops.internal:8443",
    "10.0.0.5",
    "10.0.0.5:3000",
  ];
  for (const host of allowed) assert.deepEqual(hostDecision(network, host), { ok: true }, host);
  const refused = [
    "127.0.0.1",
    "127.0.0.1:3001",
    "127.0.0.2:3000",
    "[::2]:3000",
    "localhost",
    "console.example.com:3000",
    "console.example.com.evil.example",
    "evil.example:3000",
    "ops.internal",
    "ops.internal:8080",
  ];
  for (const host of refused) {
    const d = hostDecision(network, host);
    assert.ok(!d.ok, host);
    assert.match(d.message, /does not answer to the host .*add it to CONSOLE_ALLOWED_HOSTS or set CONSOLE_PUBLIC_URL/);
  }
  const missing = hostDecision(network, null);
  assert.ok(!missing.ok && /no Host header/.test(missing.message));
  const malformed = hostDecision(network, "127.0.0.1:3000@evil.example");
  assert.ok(!malformed.ok && /is not a host name with an optional port/.test(malformed.message));
});

test("by default only loopback on the console's port; port 80 may be left out; HOST adds another loopback", () => {
  const local = hostPolicy({}).hosts;
  assert.deepEqual(
    local.map((h) => `${h.hostname}:${h.port}`),
    ["127.0.0.1:3000", "localhost:3000", "[::1]:3000"],
  );
  assert.equal(hostPolicy({}).network, false);
  assert.equal(hostDecision(hostPolicy({ PORT: "80" }).hosts, "localhost").ok, true);
  assert.equal(hostDecision(hostPolicy({ HOST: "127.0.0.2", PORT: "3100" }).hosts, "127.0.0.2:3100").ok, true);
  assert.equal(hostDecision(hostPolicy({ HOST: "0.0.0.0" }).hosts, "0.0.0.0:3000").ok, false);
  assert.equal(hostPolicy({ AUTH_URL: "http://console.lan:8080" }).network, true);
  assert.equal(hostDecision(hostPolicy({ AUTH_URL: "http://console.lan:8080" }).hosts, "console.lan:8080").ok, true);
});

test("a configuration that names no host clearly is refused with what to write instead", () => {
  const { problems } = hostPolicy({
    PORT: "http",
    CONSOLE_PUBLIC_URL: "console.example.com",
    AUTH_URL: "ftp://console.example.com",
    CONSOLE_ALLOWED_HOSTS: "https://console.example.com,ok.example,*.example.com",
  });
  assert.deepEqual(problems, [
    'PORT must be a port number, not "http".',
    'CONSOLE_PUBLIC_URL must be the URL users open, such as https://console.example.com, not "console.example.com".',
    'AUTH_URL must be the URL users open, such as https://console.example.com, not "ftp://console.example.com".',
    'CONSOLE_ALLOWED_HOSTS: "https://console.example.com" is not a host name or host:port such as ' +
      "console.internal or 10.0.0.5:3000 (a URL belongs in CONSOLE_PUBLIC_URL).",
    'CONSOLE_ALLOWED_HOSTS: "*.example.com" is not a host name or host:port such as console.internal or 10.0.0.5:3000 (a URL belongs in CONSOLE_PUBLIC_URL).',
  ]);
});

test("a change's Origin must be an allowed origin, with the public URL's scheme; Sec-Fetch-Site same-origin", () => {
  const ok = (origin: string | null, fetchSite: string | null = null) => originDecision(network, { origin, fetchSite });
  for (const origin of [
    "http://127.0.0.1:3000",
    "http://localhost:3000",
    "http://[::1]:3000",
    "https://console.example.com",
    "https://console.example.com:443",
    "http://ops.internal:8443",
    "https://10.0.0.5:3000",
  ])
    assert.deepEqual(ok(origin, "same-origin"), { ok: true }, origin);
  assert.deepEqual(ok(null), { ok: true }, "curl and scripts send neither header");
  assert.deepEqual(ok(null, "none"), { ok: true }, "typed by the user");
  for (const origin of [
    "null",
    "http://console.example.com",
    "https://127.0.0.1:3000",
    "http://127.0.0.1:3001",
    "http://127.0.0.1",
    "http://127.0.0.1:3000/",
    "http://evil.example:3000",
    "https://ops.internal",
    "http://user@127.0.0.1:3000",
    "chrome-extension://abc",
  ]) {
    const d = ok(origin, "same-origin");
    assert.ok(!d.ok, origin);
    assert.match(d.message, /^Cross-origin request refused: origin .* is not this console/);
  }
  for (const site of ["cross-site", "same-site", "bogus"]) {
    const d = ok("http://127.0.0.1:3000", site);
    assert.ok(!d.ok && d.message.includes(`the browser says ${site}`), site);
  }
});
