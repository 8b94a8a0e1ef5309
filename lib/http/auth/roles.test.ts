import assert from "node:assert/strict";
import { test } from "node:test";
import { groupsFromClaim, oidcRole, type RoleRules } from "./roles";

const rules: RoleRules = {
  operatorGroups: ["platform-admins"],
  viewerGroups: ["engineering"],
  operatorEmails: ["lead@example.com"],
  viewerEmails: ["*@auditors.example.org"],
};

test("groups map to roles; operator wins when both match", () => {
  assert.equal(oidcRole({ groups: ["platform-admins"] }, rules), "operator");
  assert.equal(oidcRole({ groups: ["engineering"] }, rules), "viewer");
  assert.equal(oidcRole({ groups: ["engineering", "platform-admins"] }, rules), "operator");
});

test("email allow-lists match exact addresses case-insensitively and whole domains with *@", () => {
  assert.equal(oidcRole({ email: "Lead@Example.com", groups: [] }, rules), "operator");
  assert.equal(oidcRole({ email: "ann@auditors.example.org", groups: [] }, rules), "viewer");
  assert.equal(oidcRole({ email: "ann@evil-auditors.example.org.attacker.io", groups: [] }, rules), null);
  assert.equal(oidcRole({ email: "lead@example.com.attacker.io", groups: [] }, rules), null);
});

test("someone matching nothing gets no role, and an unverified email counts for nothing", () => {
  assert.equal(oidcRole({ email: "stranger@example.com", groups: ["marketing"] }, rules), null);
  assert.equal(oidcRole({ email: "lead@example.com", emailVerified: false, groups: [] }, rules), null);
  assert.equal(oidcRole({ email: null, groups: [] }, rules), null);
});

test("* lets every verified user of the provider view, never operate", () => {
  const open = { ...rules, viewerEmails: ["*"] };
  assert.equal(oidcRole({ email: "anyone@example.net", groups: [] }, open), "viewer");
  assert.equal(oidcRole({ email: "anyone@example.net", emailVerified: false, groups: [] }, open), null);
});

test("group claims are read from arrays or comma strings; other shapes mean no groups", () => {
  assert.deepEqual(groupsFromClaim(["a", " b ", 3, ""]), ["a", "b"]);
  assert.deepEqual(groupsFromClaim("a, b"), ["a", "b"]);
  assert.deepEqual(groupsFromClaim({ a: 1 }), []);
  assert.deepEqual(groupsFromClaim(undefined), []);
});
