import type { BatchJobRequest, CreateJobRequest } from "@/lib/contracts/batch-jobs";

// The S3 Batch Operations CreateJob request. Nothing is listed on this machine: the manifest is
// either the bucket's latest CSV inventory report (its manifest.json) or S3's own manifest
// generator, filtered to what the job must change, with the generated manifest kept for audit.

export const batchReportsPrefix = ".bucket-key-console/batch-reports";
export const batchManifestsPrefix = ".bucket-key-console/batch-manifests";
/** CopyObject (and so a Batch copy) handles objects up to 5 GB; larger ones need a multipart copy. */
const batchCopyLimitBytes = 5 * 1024 ** 3;

export type ManifestSource =
  { kind: "inventory"; manifestArn: string; manifestEtag: string } | { kind: "generator"; prefix: string };

export function buildCreateJobRequest(p: {
  account: string;
  bucket: string;
  keyArn: string;
  roleArn: string;
  operation: BatchJobRequest["operation"];
  manifest: ManifestSource;
  token: string;
}): CreateJobRequest {
  const bucketArn = `arn:aws:s3:::${p.bucket}`;
  const sources =
    p.operation === "update-object-encryption"
      ? "SSE-KMS objects without a Bucket Key"
      : "unencrypted objects up to 5 GB";
  return {
    AccountId: p.account,
    ConfirmationRequired: true,
    ClientRequestToken: p.token,
    Description: `Bucket Key Console: ${sources} in ${p.bucket} to SSE-KMS with a Bucket Key`.slice(0, 256),
    Priority: 10,
    RoleArn: p.roleArn,
    Operation:
      p.operation === "update-object-encryption"
        ? {
            S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: p.keyArn, BucketKeyEnabled: true } } },
          }
        : {
            S3PutObjectCopy: {
              TargetResource: bucketArn,
              MetadataDirective: "COPY",
              SSEAwsKmsKeyId: p.keyArn,
              BucketKeyEnabled: true,
            },
          },
    ...(p.manifest.kind === "inventory"
      ? {
          Manifest: {
            Spec: { Format: "S3InventoryReport_CSV_20161130" },
            Location: { ObjectArn: p.manifest.manifestArn, ETag: p.manifest.manifestEtag },
          },
        }
      : {
          ManifestGenerator: {
            S3JobManifestGenerator: {
              ExpectedBucketOwner: p.account,
              SourceBucket: bucketArn,
              EnableManifestOutput: true,
              ManifestOutputLocation: {
                ExpectedManifestBucketOwner: p.account,
                Bucket: bucketArn,
                ManifestPrefix: batchManifestsPrefix,
                ManifestFormat: "S3InventoryReport_CSV_20211130",
              },
              Filter: {
                MatchAnyObjectEncryption:
                  p.operation === "update-object-encryption"
                    ? [{ SSEKMS: { BucketKeyEnabled: false } }]
                    : [{ NOTSSE: {} }],
                ...(p.operation === "copy-unencrypted" ? { ObjectSizeLessThanBytes: batchCopyLimitBytes + 1 } : {}),
                ...(p.manifest.prefix ? { KeyNameConstraint: { MatchAnyPrefix: [p.manifest.prefix] } } : {}),
              },
            },
          },
        }),
    Report: {
      Enabled: true,
      Bucket: bucketArn,
      Prefix: batchReportsPrefix,
      Format: "Report_CSV_20180820",
      ReportScope: "AllTasks",
    },
  };
}
