import assert from "node:assert/strict";
import { test } from "node:test";
import { actionMatches } from "./action-pattern";

const cases: [string, string, boolean][] = [
  ["kms:*", "kms:Decrypt", true],
  ["*", "kms:Decrypt", true],
  ["kms:Decrypt", "kms:decrypt", true], // IAM action names are case-insensitive
  ["kms:Decrypt", "kms:Decrypts", false],
  ["kms:Re*", "kms:ReEncryptFrom", true],
  ["kms:Re*", "kms:Decrypt", false],
  ["kms:*Key*", "kms:GenerateDataKey", true],
  ["kms:*Key*", "kms:Decrypt", false],
  ["kms:Generate?ataKey*", "kms:GenerateDataKeyWithoutPlaintext", true],
  ["kms:Generate?ataKey", "kms:GenerateXXataKey", false],
  ["kms:*crypt", "kms:Decrypt", true],
  ["kms:*crypt", "kms:Encrypts", false],
  ["kms:**", "kms:Decrypt", true],
  ["kms:a*a", "kms:a", false], // first and last pieces may not overlap
  ["kms:De.rypt", "kms:Decrypt", false], // a dot is a dot, not "any character"
  ["s3:*", "kms:Decrypt", false],
  ["", "", true],
  ["", "kms:Decrypt", false],
];
for (const [pattern, action, expected] of cases) {
  test(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(action)}`, () => {
    assert.equal(actionMatches(pattern, action), expected);
  });
}

test("a pattern that makes a regex backtrack is decided in one pass per piece", () => {
  // As a regex, ^(a.*){30}b$ against 5,000 a's takes longer than the test runs; here each piece moves forward once.
  const pattern = `${"a*".repeat(30)}b`;
  assert.equal(actionMatches(pattern, "a".repeat(5_000)), false);
  assert.equal(actionMatches(pattern, `${"a".repeat(5_000)}b`), true);
});
