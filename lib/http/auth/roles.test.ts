import assert from "node:assert/strict";
import { test } from "node:test";
import { groupsFromClaim, oidcRole, type RoleRules } from "./roles";

const rules: RoleRules = {
  operatorGroups: ["platform-admins"],
  viewerGroups: ["engineering"],
  operatorEmails: ["lead@example.com"],
  viewerEmails: ["*@auditors.example.org"],
  trustEmailWithoutVerifiedClaim: false,
};

test("groups map to roles; operator wins when both match", () => {
  assert.equal(oidcRole({ groups: ["platform-admins"] }, rules), "operator");
  assert.equal(oidcRole({ groups: ["engineering"] }, rules), "viewer");
  assert.equal(oidcRole({ groups: ["engineering", "platform-admins"] }, rules), "operator");
});

test("email allow-lists match exact addresses case-insensitively and whole domains with *@", () => {
  assert.equal(oidcRole({ email: "Lead@Example.com", emailVerified: true, groups: [] }, rules), "operator");
  assert.equal(oidcRole({ email: "ann@auditors.example.org", emailVerified: true, groups: [] }, rules), "viewer");
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
  assert.equal(oidcRole({ email: "anyone@example.net", emailVerified: true, groups: [] }, open), "viewer");
  assert.equal(oidcRole({ email: "anyone@example.net", emailVerified: false, groups: [] }, open), null);
});

test("group claims are read from arrays or comma strings; other shapes mean no groups", () => {
  assert.deepEqual(groupsFromClaim(["a", " b ", 3, ""]), ["a", "b"]);
  assert.deepEqual(groupsFromClaim("a, b"), ["a", "b"]);
  assert.deepEqual(groupsFromClaim({ a: 1 }), []);
  assert.deepEqual(groupsFromClaim(undefined), []);
});

// email_verified as the provider sends it (true, false, absent) × the opt-in: only true, or the opt-in, counts.
const verificationCases: [boolean | null | undefined, boolean, "operator" | null][] = [
  [true, false, "operator"],
  [false, false, null],
  [null, false, null], // a provider that never sends the claim: the address proves nothing
  [undefined, false, null],
  [true, true, "operator"],
  [null, true, "operator"], // CONSOLE_OIDC_TRUST_EMAIL_WITHOUT_VERIFIED_CLAIM=1
  [false, true, null], // the opt-in is for a missing claim, never for one that says false
];
for (const [emailVerified, trustEmailWithoutVerifiedClaim, role] of verificationCases) {
  test(`email_verified ${String(emailVerified)} with opt-in ${trustEmailWithoutVerifiedClaim}: ${String(role)}`, () => {
    const identity = { email: "lead@example.com", emailVerified, groups: [] };
    assert.equal(oidcRole(identity, { ...rules, trustEmailWithoutVerifiedClaim }), role);
    // Groups are unaffected by the email rule.
    assert.equal(oidcRole({ ...identity, groups: ["engineering"], email: "x@y.z" }, rules), "viewer");
  });
}
