import assert from "node:assert/strict";
import { test } from "node:test";
import { authSetup, bindDecision, isLoopback } from "./bind-policy.mjs";

const secret = { AUTH_SECRET: "x".repeat(32) };
const hash = `scrypt$16384$8$1$${"s".repeat(22)}$${"h".repeat(43)}`;
const admin = { ...secret, CONSOLE_ADMIN_PASSWORD_HASH: hash };
const oidc = {
  ...secret,
  AUTH_URL: "https://console.example.com",
  AUTH_OIDC_ISSUER: "https://idp.example.com",
  AUTH_OIDC_ID: "console",
  AUTH_OIDC_SECRET: "s",
};

test("loopback addresses are recognised, network addresses are not", () => {
  for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "LOCALHOST"])
    assert.equal(isLoopback(h), true, h);
  for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "console.example.com", "128.0.0.1"])
    assert.equal(isLoopback(h), false, h);
});

test("on loopback without authentication the console starts as today", () => {
  assert.deepEqual(bindDecision({ host: "127.0.0.1", env: {} }), { ok: true });
});

test("on a network address without authentication it refuses and says how to configure sign-in", () => {
  const d = bindDecision({ host: "0.0.0.0", env: {} });
  assert.equal(d.ok, false);
  assert.ok(!d.ok);
  assert.match(d.message, /Refusing to start on 0\.0\.0\.0 without authentication/);
  assert.match(d.message, /AUTH_OIDC_ISSUER/);
  assert.match(d.message, /CONSOLE_ADMIN_PASSWORD_HASH/);
  assert.match(d.message, /AUTH_SECRET/);
  assert.match(d.message, /CONSOLE_ALLOW_UNAUTHENTICATED_NETWORK=1/);
});

test("the loud override lets it start on a trusted network, with a warning", () => {
  const named = { CONSOLE_ALLOWED_HOSTS: "10.0.0.5" };
  const d = bindDecision({ host: "10.0.0.5", env: { ...named, CONSOLE_ALLOW_UNAUTHENTICATED_NETWORK: "1" } });
  assert.equal(d.ok, true);
  assert.ok(d.ok && d.warning?.includes("WITHOUT AUTHENTICATION"));
  assert.equal(
    bindDecision({ host: "10.0.0.5", env: { ...named, CONSOLE_ALLOW_UNAUTHENTICATED_NETWORK: "true" } }).ok,
    false,
    "only the exact value 1 counts",
  );
});

test("with sign-in and the name users open configured it starts on any address", () => {
  const publicUrl = { CONSOLE_PUBLIC_URL: "https://console.example.com" };
  assert.deepEqual(bindDecision({ host: "0.0.0.0", env: { ...admin, ...publicUrl } }), { ok: true });
  assert.deepEqual(bindDecision({ host: "0.0.0.0", env: { ...admin, CONSOLE_ALLOWED_HOSTS: "10.0.0.5" } }), {
    ok: true,
  });
  assert.deepEqual(bindDecision({ host: "0.0.0.0", env: oidc }), { ok: true }, "AUTH_URL names the host");
  assert.deepEqual(authSetup(oidc), { enabled: true, oidc: true, password: false, problems: [] });
});

test("half-configured sign-in refuses to start, even on loopback, naming what is missing", () => {
  const noSecret = bindDecision({
    host: "127.0.0.1",
    env: { CONSOLE_ADMIN_PASSWORD_HASH: admin.CONSOLE_ADMIN_PASSWORD_HASH },
  });
  assert.ok(!noSecret.ok && /AUTH_SECRET is not set/.test(noSecret.message));
  const halfOidc = bindDecision({ host: "127.0.0.1", env: { ...secret, AUTH_OIDC_ISSUER: "https://idp.example.com" } });
  assert.ok(!halfOidc.ok && /also set AUTH_OIDC_ID, AUTH_OIDC_SECRET/.test(halfOidc.message));
  const noUrl = bindDecision({ host: "0.0.0.0", env: { ...oidc, AUTH_URL: "" } });
  assert.ok(!noUrl.ok && /AUTH_URL is not set/.test(noUrl.message));
  const viewerOnly = bindDecision({ host: "127.0.0.1", env: { ...secret, CONSOLE_VIEWER_PASSWORD_HASH: hash } });
  assert.ok(!viewerOnly.ok && /without CONSOLE_ADMIN_PASSWORD_HASH/.test(viewerOnly.message));
  const plaintext = bindDecision({
    host: "127.0.0.1",
    env: { ...secret, CONSOLE_ADMIN_PASSWORD_HASH: "hunter2hunter2" },
  });
  assert.ok(!plaintext.ok && /CONSOLE_ADMIN_PASSWORD_HASH is not a hash/.test(plaintext.message));
});

test("on a network address without a public URL or allowed hosts it refuses and says what to set", () => {
  const d = bindDecision({ host: "0.0.0.0", env: admin });
  assert.ok(!d.ok);
  assert.match(d.message, /^Refusing to start on 0\.0\.0\.0 without a public URL or allowed hosts/);
  assert.match(d.message, /CONSOLE_PUBLIC_URL: the URL users open/);
  assert.match(d.message, /CONSOLE_ALLOWED_HOSTS: more names/);
  const both = bindDecision({ host: "0.0.0.0", env: {} });
  assert.ok(!both.ok && /without authentication[\s\S]*without a public URL/.test(both.message), "both said at once");
  assert.deepEqual(bindDecision({ host: "127.0.0.1", env: {} }), { ok: true }, "loopback needs neither");
});

test("a malformed allowed host or public URL refuses to start, even on loopback", () => {
  const d = bindDecision({ host: "127.0.0.1", env: { CONSOLE_ALLOWED_HOSTS: "https://console.example.com" } });
  assert.ok(!d.ok && /allowed hosts are misconfigured[\s\S]*a URL belongs in CONSOLE_PUBLIC_URL/.test(d.message));
});
