import assert from "node:assert/strict";
import { test } from "node:test";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import { buildPutConfiguration, canonicalJson, configVersion, sameConfiguration } from "./change";

const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

test("the version ignores key order but not content", () => {
  const a: EncryptionConfig = {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn },
        BucketKeyEnabled: false,
      },
    ],
  };
  const b = JSON.parse(
    '{"Rules":[{"BucketKeyEnabled":false,"ApplyServerSideEncryptionByDefault":{"KMSMasterKeyID":"' +
      keyArn +
      '","SSEAlgorithm":"aws:kms"}}]}',
  );
  assert.equal(configVersion(a), configVersion(b));
  assert.match(configVersion(a), /^[0-9a-f]{16}$/);
  assert.notEqual(configVersion(a), configVersion({ Rules: [{ ...a.Rules![0], BucketKeyEnabled: true }] }));
  assert.notEqual(configVersion(null), configVersion(a));
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }), '{"a":[{"d":2}],"b":1}');
});

test("Save carries over every part of the configuration it does not edit", () => {
  const current = {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" },
        BucketKeyEnabled: false,
        BlockedEncryptionTypes: { EncryptionType: ["SSE-C"] },
        FutureField: { kept: true },
      },
    ],
  } as unknown as EncryptionConfig;
  const put = buildPutConfiguration(
    current,
    { type: "SSE-KMS", kmsKeyId: "alias/orders", bucketKeyEnabled: true },
    keyArn,
  );
  assert.deepEqual(put, {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn },
        BucketKeyEnabled: true,
        BlockedEncryptionTypes: { EncryptionType: ["SSE-C"] },
        FutureField: { kept: true },
      },
    ],
  });
  assert.deepEqual(
    current.Rules![0]!.ApplyServerSideEncryptionByDefault,
    { SSEAlgorithm: "AES256" },
    "the current configuration is not mutated",
  );
});

test("SSE-S3 names no key and DSSE-KMS never gets a Bucket Key", () => {
  const sseS3 = buildPutConfiguration(null, { type: "SSE-S3", kmsKeyId: null, bucketKeyEnabled: false }, null);
  assert.deepEqual(sseS3, {
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }],
  });
  const dsse = buildPutConfiguration(null, { type: "DSSE-KMS", kmsKeyId: keyArn, bucketKeyEnabled: true }, keyArn);
  assert.equal(dsse.Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm, "aws:kms:dsse");
  assert.equal(dsse.Rules![0]!.BucketKeyEnabled, false);
});

test("verification treats a missing BucketKeyEnabled as false and anything else as a difference", () => {
  const put: EncryptionConfig = {
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }],
  };
  assert.equal(
    sameConfiguration(put, { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] }),
    true,
  );
  assert.equal(
    sameConfiguration(put, { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }] }),
    false,
  );
  assert.equal(sameConfiguration(null, null), true);
  assert.equal(sameConfiguration(put, null), false);
});
