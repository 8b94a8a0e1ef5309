import type { CreateJobRequest } from "@/lib/contracts/objects";

// S3 Batch Operations for buckets too large for one machine: the console writes a CSV
// manifest of the objects and builds the CreateJob request; S3 runs the job at scale.

export type BatchOperation = "update-object-encryption" | "copy";

/** S3 Batch Operations CSV manifest: bucket,key per line, keys URL-encoded. */
export function buildManifestCsv(bucket: string, keys: readonly string[]): string {
  return keys.map((k) => `${bucket},${encodeURIComponent(k).replace(/%2F/g, "/")}\n`).join("");
}

export function buildCreateJobRequest(p: {
  account: string;
  bucket: string;
  keyArn: string;
  roleArn: string;
  operation: BatchOperation;
  manifestKey: string;
  manifestEtag: string;
  token: string;
}): CreateJobRequest {
  const bucketArn = `arn:aws:s3:::${p.bucket}`;
  return {
    AccountId: p.account,
    ConfirmationRequired: true,
    ClientRequestToken: p.token,
    Description: `Bucket Key Console: re-encrypt ${p.bucket} with SSE-KMS and a Bucket Key`,
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
    Manifest: {
      Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key"] },
      Location: { ObjectArn: `${bucketArn}/${p.manifestKey}`, ETag: p.manifestEtag },
    },
    Report: {
      Enabled: true,
      Bucket: bucketArn,
      Prefix: ".bucket-key-console/batch-reports",
      Format: "Report_CSV_20180820",
      ReportScope: "FailedTasksOnly",
    },
  };
}
