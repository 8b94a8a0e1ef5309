import assert from "node:assert/strict";
import { test } from "node:test";
import { eventAfter } from "./event-after";

const xmlns = "http://s3.amazonaws.com/doc/2006-03-01/";

test("PutBucketEncryption: the type, the key as written and the Bucket Key, from one rule or a list", () => {
  const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const rule = {
    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: key },
    BucketKeyEnabled: true,
  };
  assert.equal(
    eventAfter("PutBucketEncryption", { ServerSideEncryptionConfiguration: { xmlns, Rule: rule } }),
    `SSE-KMS · ${key} · Bucket Key on`,
  );
  assert.equal(
    eventAfter("PutBucketEncryption", {
      ServerSideEncryptionConfiguration: { Rule: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
    }),
    "SSE-S3",
  );
  assert.equal(
    eventAfter("PutBucketEncryption", {
      ServerSideEncryptionConfiguration: {
        Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms:dsse" } },
      },
    }),
    "DSSE-KMS · aws/s3",
  );
});

test("versioning, replication, creation and deletions say what they set", () => {
  assert.equal(
    eventAfter("PutBucketVersioning", { VersioningConfiguration: { Status: "Suspended" } }),
    "Versioning Suspended",
  );
  assert.equal(
    eventAfter("PutBucketReplication", { ReplicationConfiguration: { Rule: [{ ID: "a" }, { ID: "b" }] } }),
    "Replication: 2 rules",
  );
  assert.equal(eventAfter("CreateBucket", {}), "Created in us-east-1");
  assert.equal(
    eventAfter("CreateBucket", { CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }),
    "Created in eu-west-1",
  );
  assert.equal(eventAfter("DeleteBucketEncryption", null), "Default encryption removed (S3 applies SSE-S3)");
  assert.equal(eventAfter("DeleteBucket", undefined), "Bucket deleted");
});

test("a record that does not carry the configuration gives null, never a guess", () => {
  assert.equal(eventAfter("PutBucketEncryption", { bucketName: "b" }), null);
  assert.equal(eventAfter("PutBucketEncryption", null), null);
  assert.equal(eventAfter("PutBucketVersioning", { VersioningConfiguration: {} }), null);
  assert.equal(eventAfter("PutBucketReplication", {}), null);
});
