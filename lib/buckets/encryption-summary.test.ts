import assert from "node:assert/strict";
import { test } from "node:test";
import { bucketFromArn, isCandidate, summarizeEncryption, summarizeReplication } from "./encryption-summary";

const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const resolve = (ref: string) =>
  ref === "alias/aws/s3"
    ? { arn: "arn:aws:kms:us-east-1:111122223333:key/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa", alias: "alias/aws/s3" }
    : ref === "alias/orders" || ref === keyArn
      ? { arn: keyArn, alias: "alias/orders" }
      : { arn: null, alias: null };

test("no configuration means no default encryption", () => {
  assert.deepEqual(summarizeEncryption(null, resolve), {
    type: "NONE",
    kmsKeyArn: null,
    kmsKeyAlias: null,
    bucketKeyEnabled: false,
  });
});

test("SSE-S3, SSE-KMS and DSSE-KMS are told apart", () => {
  assert.equal(
    summarizeEncryption({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] }, resolve).type,
    "SSE-S3",
  );
  const kms = summarizeEncryption(
    {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/orders" },
          BucketKeyEnabled: true,
        },
      ],
    },
    resolve,
  );
  assert.deepEqual(kms, { type: "SSE-KMS", kmsKeyArn: keyArn, kmsKeyAlias: "alias/orders", bucketKeyEnabled: true });
  const dsse = summarizeEncryption(
    { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms:dsse", KMSMasterKeyID: keyArn } }] },
    resolve,
  );
  assert.equal(dsse.type, "DSSE-KMS");
  assert.equal(dsse.bucketKeyEnabled, false);
});

test("SSE-KMS without a key id means the AWS managed key aws/s3", () => {
  const e = summarizeEncryption(
    { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }] },
    resolve,
  );
  assert.equal(e.kmsKeyAlias, "alias/aws/s3");
  assert.match(e.kmsKeyArn ?? "", /aaaaaaaa/);
});

test("an unresolvable key reference is shown as written, not dropped", () => {
  const e = summarizeEncryption(
    { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/gone" } }] },
    resolve,
  );
  assert.equal(e.kmsKeyArn, "alias/gone");
});

test("candidates are SSE-KMS buckets with the Bucket Key off", () => {
  assert.equal(isCandidate({ type: "SSE-KMS", kmsKeyArn: keyArn, kmsKeyAlias: null, bucketKeyEnabled: false }), true);
  assert.equal(isCandidate({ type: "SSE-KMS", kmsKeyArn: keyArn, kmsKeyAlias: null, bucketKeyEnabled: true }), false);
  assert.equal(isCandidate({ type: "DSSE-KMS", kmsKeyArn: keyArn, kmsKeyAlias: null, bucketKeyEnabled: false }), false);
  assert.equal(isCandidate(null), false);
});

test("replication rules name their destination, its region and SSE-KMS settings", () => {
  const r = summarizeReplication(
    {
      Role: "arn:aws:iam::111122223333:role/rep",
      Rules: [
        {
          ID: "to-eu",
          Status: "Enabled",
          Filter: { Prefix: "logs/" },
          SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: "Enabled" } },
          Destination: { Bucket: "arn:aws:s3:::replica-eu", EncryptionConfiguration: { ReplicaKmsKeyID: keyArn } },
        },
      ],
    },
    (b) => (b === "replica-eu" ? "eu-west-1" : null),
  );
  assert.deepEqual(r, {
    role: "arn:aws:iam::111122223333:role/rep",
    destinations: ["replica-eu"],
    rules: [
      {
        id: "to-eu",
        status: "Enabled",
        prefix: "logs/",
        destinationBucket: "replica-eu",
        destinationRegion: "eu-west-1",
        replicatesSseKms: true,
        replicaKmsKeyId: keyArn,
      },
    ],
  });
  assert.equal(
    summarizeReplication(null, () => null),
    null,
  );
  assert.equal(bucketFromArn("arn:aws:s3:::x-y"), "x-y");
});
