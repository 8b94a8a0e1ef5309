import assert from "node:assert/strict";
import { test } from "node:test";
import { keyArn, parseKeyRef } from "./key-ref";

const id = "1234abcd-12ab-34cd-56ef-1234567890ab";

test("parses each way of naming a KMS key", () => {
  assert.deepEqual(parseKeyRef(id), { ok: true, ref: { kind: "key-id", keyId: id } });
  assert.deepEqual(parseKeyRef(`arn:aws:kms:eu-west-1:111122223333:key/${id}`), {
    ok: true,
    ref: { kind: "key-arn", keyId: id, region: "eu-west-1", account: "111122223333", partition: "aws" },
  });
  assert.deepEqual(parseKeyRef("alias/orders-data"), {
    ok: true,
    ref: { kind: "alias-name", alias: "alias/orders-data" },
  });
  assert.deepEqual(parseKeyRef("arn:aws:kms:us-east-1:111122223333:alias/aws/s3"), {
    ok: true,
    ref: { kind: "alias-arn", alias: "alias/aws/s3", region: "us-east-1", account: "111122223333", partition: "aws" },
  });
  assert.equal(parseKeyRef("mrk-1234567890abcdef1234567890abcdef").ok, true);
  assert.equal(parseKeyRef(`  ${id}  `).ok, true);
});

test("explains what is wrong with a malformed reference", () => {
  const cases: [string, RegExp][] = [
    ["", /Enter a KMS key/],
    ["not-a-key", /Not a KMS key/],
    ["arn:aws:s3:::my-bucket", /Not a KMS key ARN/],
    ["arn:aws:kms:us-east-1:12345:key/" + id, /12-digit account/],
    ["arn:aws:kms:us-east-1:111122223333:key/not-a-uuid", /not a KMS key id/],
    ["alias/has space", /alias\//],
  ];
  for (const [input, reason] of cases) {
    const check = parseKeyRef(input);
    assert.equal(check.ok, false, input);
    assert.match((check as { reason: string }).reason, reason, input);
  }
});

test("builds key ARNs in the region's partition", () => {
  assert.equal(keyArn("us-east-1", "111122223333", id), `arn:aws:kms:us-east-1:111122223333:key/${id}`);
  assert.equal(keyArn("cn-north-1", "111122223333", id), `arn:aws-cn:kms:cn-north-1:111122223333:key/${id}`);
});
