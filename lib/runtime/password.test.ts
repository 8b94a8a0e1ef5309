import assert from "node:assert/strict";
import { test } from "node:test";
import { hashPassword, isPasswordHash, verifyPassword } from "./password.mjs";

test("a hashed password verifies, a wrong one does not, and the hash never contains the password", async () => {
  const stored = await hashPassword("correct horse battery staple");
  assert.ok(isPasswordHash(stored), stored);
  assert.ok(!stored.includes("correct horse"));
  assert.equal(await verifyPassword("correct horse battery staple", stored), true);
  assert.equal(await verifyPassword("correct horse battery stapl", stored), false);
  assert.equal(await verifyPassword("", stored), false);
});

test("two hashes of the same password differ (random salt)", async () => {
  assert.notEqual(await hashPassword("same"), await hashPassword("same"));
});

test("a missing or malformed stored hash never verifies, even for an empty password", async () => {
  assert.equal(await verifyPassword("anything", undefined), false);
  assert.equal(await verifyPassword("", ""), false);
  assert.equal(
    await verifyPassword("plaintext", "plaintext"),
    false,
    "a plaintext value in the env is not accepted as a hash",
  );
  assert.equal(isPasswordHash("scrypt$16384$8$1$short$short"), false);
});
