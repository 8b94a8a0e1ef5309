import assert from "node:assert/strict";
import { test } from "node:test";
import { bucketFromArn, isCandidate, kmsKeyToResolve, summarizeEncryption, summarizeReplication } from "./summary";

const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const orders = { arn: keyArn, alias: "alias/orders", problem: null };
const noKey = { kmsKeyArn: null, kmsKeyAlias: null, kmsKeyReference: null, kmsKeyProblem: null };
const kmsConfig = (KMSMasterKeyID?: string, SSEAlgorithm: "aws:kms" | "aws:kms:dsse" = "aws:kms") => ({
  Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm, KMSMasterKeyID } }],
});

test("no configuration means no default encryption, and no key to resolve", () => {
  assert.deepEqual(summarizeEncryption(null, null), { type: "NONE", ...noKey, bucketKeyEnabled: false });
  assert.equal(kmsKeyToResolve(null), null);
  assert.equal(kmsKeyToResolve({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] }), null);
});

test("SSE-S3, SSE-KMS and DSSE-KMS are told apart", () => {
  assert.deepEqual(
    summarizeEncryption({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] }, null),
    { type: "SSE-S3", ...noKey, bucketKeyEnabled: false },
  );
  const kms = summarizeEncryption(
    { Rules: [{ ...kmsConfig("alias/orders").Rules[0], BucketKeyEnabled: true }] },
    orders,
  );
  assert.deepEqual(kms, {
    type: "SSE-KMS",
    kmsKeyArn: keyArn,
    kmsKeyAlias: "alias/orders",
    kmsKeyReference: "alias/orders",
    kmsKeyProblem: null,
    bucketKeyEnabled: true,
  });
  const dsse = summarizeEncryption(kmsConfig(keyArn, "aws:kms:dsse"), orders);
  assert.equal(dsse.type, "DSSE-KMS");
  assert.equal(dsse.bucketKeyEnabled, false);
  assert.equal(kmsKeyToResolve(kmsConfig(keyArn, "aws:kms:dsse")), keyArn);
});

test("SSE-KMS without a key id means the AWS managed key aws/s3", () => {
  assert.equal(kmsKeyToResolve(kmsConfig()), "alias/aws/s3");
  const managed = "arn:aws:kms:us-east-1:111122223333:key/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
  const e = summarizeEncryption(kmsConfig(), { arn: managed, alias: "alias/aws/s3", problem: null });
  assert.equal(e.kmsKeyAlias, "alias/aws/s3");
  assert.equal(e.kmsKeyArn, managed);
  assert.equal(e.kmsKeyReference, null, "the configuration names no key");
  // Before S3 first uses it, AWS has not created the key: unknown ARN, and no fault.
  const notYet = summarizeEncryption(kmsConfig(), { arn: null, alias: "alias/aws/s3", problem: null });
  assert.deepEqual([notYet.kmsKeyArn, notYet.kmsKeyAlias, notYet.kmsKeyProblem], [null, "alias/aws/s3", null]);
});

test("an unresolvable key reference keeps what was written, a null ARN and the problem", () => {
  const problem = { code: "not_found", message: "The bucket names alias/gone, which does not exist in us-east-1" };
  const e = summarizeEncryption(kmsConfig("alias/gone"), { arn: null, alias: null, problem });
  assert.equal(e.kmsKeyArn, null, "never the alias in place of a key ARN");
  assert.equal(e.kmsKeyReference, "alias/gone");
  assert.deepEqual(e.kmsKeyProblem, problem);
  const unread = summarizeEncryption(kmsConfig("alias/orders"), null);
  assert.deepEqual([unread.kmsKeyArn, unread.kmsKeyReference, unread.kmsKeyProblem], [null, "alias/orders", null]);
});

test("candidates are SSE-KMS buckets with the Bucket Key off", () => {
  const key = { kmsKeyArn: keyArn, kmsKeyAlias: null, kmsKeyReference: keyArn, kmsKeyProblem: null };
  assert.equal(isCandidate({ type: "SSE-KMS", ...key, bucketKeyEnabled: false }), true);
  assert.equal(isCandidate({ type: "SSE-KMS", ...key, bucketKeyEnabled: true }), false);
  assert.equal(isCandidate({ type: "DSSE-KMS", ...key, bucketKeyEnabled: false }), false);
  assert.equal(isCandidate(null), false);
  const problem = (code: string) => ({
    type: "SSE-KMS" as const,
    ...key,
    bucketKeyEnabled: false,
    kmsKeyProblem: { code, message: "…" },
  });
  assert.equal(isCandidate(problem("not_found")), false, "a bucket whose writes fail saves nothing");
  assert.equal(isCandidate(problem("wrong_region")), false);
  assert.equal(isCandidate(problem("access_denied")), true, "a key of another account may well work");
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
