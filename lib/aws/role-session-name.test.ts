import assert from "node:assert/strict";
import { test } from "node:test";
import { consoleSessionName, roleSessionName, sourceIdentity } from "./role-session-name";

const alice = { id: "u1", name: "alice@example.com", method: "oidc" } as const;

test("a person's session is named after them; background work keeps the console's name", () => {
  assert.equal(roleSessionName(alice), "bkc-alice@example.com");
  assert.equal(roleSessionName({ id: "local", name: "local user", method: "local" }), "bkc-local");
  assert.equal(roleSessionName(null), consoleSessionName);
});

test("names follow STS's character set and length", () => {
  const odd = { id: "x", name: "Zoë O'Brien (ops)/admin", method: "password" } as const;
  assert.equal(roleSessionName(odd), "bkc-Zo--O-Brien--ops--admin");
  const long = { id: "x", name: "a".repeat(100), method: "oidc" } as const;
  assert.equal(roleSessionName(long).length, 64);
  assert.equal(sourceIdentity(long)!.length, 64);
  for (const s of [roleSessionName(odd), sourceIdentity(odd)!]) assert.match(s, /^[\w+=,.@-]{2,64}$/);
});

test("SourceIdentity names a signed-in person only, never with the reserved aws: prefix", () => {
  assert.equal(sourceIdentity(alice), "alice@example.com");
  assert.equal(sourceIdentity(null), null);
  assert.equal(sourceIdentity({ id: "local", name: "local user", method: "local" }), null);
  assert.equal(sourceIdentity({ id: "x", name: "aws:root", method: "password" }), "aws-root");
});
