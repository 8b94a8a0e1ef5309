import assert from "node:assert/strict";
import { test } from "node:test";
import { buildCreateJobRequest } from "./request";

const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const base = {
  account: "111122223333",
  bucket: "big-bucket",
  keyArn,
  roleArn: "arn:aws:iam::111122223333:role/batch",
  operation: "update-object-encryption" as const,
  token: "t-1",
};
const updateInPlace = {
  S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: keyArn, BucketKeyEnabled: true } } },
};

test("with the inventory report as manifest: S3InventoryReport_CSV_20161130 at its manifest.json, no generator", () => {
  const manifestArn = "arn:aws:s3:::inv-dest/inventory/big-bucket/bkc/2026-12-01T01-00Z/manifest.json";
  const req = buildCreateJobRequest({ ...base, manifest: { kind: "inventory", manifestArn, manifestEtag: '"abc"' } });
  assert.deepEqual(req.Operation, updateInPlace);
  assert.deepEqual(req.Manifest, {
    Spec: { Format: "S3InventoryReport_CSV_20161130" },
    Location: { ObjectArn: manifestArn, ETag: '"abc"' },
  });
  assert.equal(req.ManifestGenerator, undefined);
  assert.equal(req.ConfirmationRequired, true);
  assert.deepEqual(req.Report, {
    Enabled: true,
    Bucket: "arn:aws:s3:::big-bucket",
    Prefix: ".bucket-key-console/batch-reports",
    Format: "Report_CSV_20180820",
    ReportScope: "AllTasks",
  });
});

test("with S3's manifest generator: SSE-KMS objects without a Bucket Key, under the prefix, manifest kept", () => {
  const req = buildCreateJobRequest({ ...base, manifest: { kind: "generator", prefix: "logs/" } });
  assert.equal(req.Manifest, undefined);
  assert.deepEqual(req.Operation, updateInPlace);
  assert.deepEqual(req.ManifestGenerator, {
    S3JobManifestGenerator: {
      ExpectedBucketOwner: "111122223333",
      SourceBucket: "arn:aws:s3:::big-bucket",
      EnableManifestOutput: true,
      ManifestOutputLocation: {
        ExpectedManifestBucketOwner: "111122223333",
        Bucket: "arn:aws:s3:::big-bucket",
        ManifestPrefix: ".bucket-key-console/batch-manifests",
        ManifestFormat: "S3InventoryReport_CSV_20211130",
      },
      Filter: {
        MatchAnyObjectEncryption: [{ SSEKMS: { BucketKeyEnabled: false } }],
        KeyNameConstraint: { MatchAnyPrefix: ["logs/"] },
      },
    },
  });
});

test("a copy job selects unencrypted objects up to 5 GB and copies them onto themselves with the key", () => {
  const req = buildCreateJobRequest({
    ...base,
    operation: "copy-unencrypted",
    manifest: { kind: "generator", prefix: "" },
  });
  assert.deepEqual(req.Operation, {
    S3PutObjectCopy: {
      TargetResource: "arn:aws:s3:::big-bucket",
      MetadataDirective: "COPY",
      SSEAwsKmsKeyId: keyArn,
      BucketKeyEnabled: true,
    },
  });
  assert.deepEqual(req.ManifestGenerator?.S3JobManifestGenerator?.Filter, {
    MatchAnyObjectEncryption: [{ NOTSSE: {} }],
    ObjectSizeLessThanBytes: 5 * 1024 ** 3 + 1,
  });
});
