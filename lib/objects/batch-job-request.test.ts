import assert from "node:assert/strict";
import { test } from "node:test";
import { buildCreateJobRequest, buildManifestCsv } from "./batch-job-request";

const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const base = {
  account: "111122223333",
  bucket: "big-bucket",
  keyArn,
  roleArn: "arn:aws:iam::111122223333:role/batch",
  manifestKey: ".bucket-key-console/batch-manifests/1.csv",
  manifestEtag: '"abc"',
  token: "t-1",
};

test("the manifest lists bucket,key with keys URL-encoded but slashes kept", () => {
  assert.equal(buildManifestCsv("big-bucket", ["a/b c.txt", "ü,x"]), "big-bucket,a/b%20c.txt\nbig-bucket,%C3%BC%2Cx\n");
});

test("update-object-encryption and copy jobs carry SSE-KMS with the Bucket Key and need confirmation", () => {
  const update = buildCreateJobRequest({ ...base, operation: "update-object-encryption" });
  assert.deepEqual(update.Operation, {
    S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: keyArn, BucketKeyEnabled: true } } },
  });
  assert.equal(update.ConfirmationRequired, true);
  assert.deepEqual(update.Manifest, {
    Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key"] },
    Location: { ObjectArn: "arn:aws:s3:::big-bucket/.bucket-key-console/batch-manifests/1.csv", ETag: '"abc"' },
  });
  const copy = buildCreateJobRequest({ ...base, operation: "copy" });
  assert.deepEqual(copy.Operation, {
    S3PutObjectCopy: {
      TargetResource: "arn:aws:s3:::big-bucket",
      MetadataDirective: "COPY",
      SSEAwsKmsKeyId: keyArn,
      BucketKeyEnabled: true,
    },
  });
  assert.equal(copy.Report?.ReportScope, "FailedTasksOnly");
});
