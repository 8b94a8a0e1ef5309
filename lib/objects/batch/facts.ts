import "server-only";
import { GetBucketReplicationCommand, GetObjectLockConfigurationCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { AppError } from "@/lib/contracts/errors";
import type { BatchJobRequest } from "@/lib/contracts/batch-jobs";
import { iamClient, s3Client } from "@/lib/aws/clients";
import { awsErrorName, isAwsError } from "@/lib/aws/errors";
import { send } from "@/lib/aws/send";
import { inventoryStatus } from "@/lib/objects/inventory-reports/locate";
import type { ManifestSource } from "@/lib/objects/batch/request";

// The AWS reads behind a Batch Operations job's review: its manifest (the latest CSV inventory
// report, or the generator), the role's trust, Object Lock and replication.

export async function jobManifest(
  region: string,
  bucket: string,
  request: BatchJobRequest,
): Promise<{ source: ManifestSource; reportDate: string | null }> {
  if (request.manifest === "generator")
    return { source: { kind: "generator", prefix: request.prefix }, reportDate: null };
  if (request.prefix)
    throw new AppError(
      "invalid_input",
      "An inventory report lists the whole bucket and a job cannot narrow it to a prefix: choose the manifest generator for a prefix.",
    );
  if (request.operation === "copy-unencrypted")
    throw new AppError(
      "invalid_input",
      "A copy job from the inventory report would copy every object: choose the manifest generator, which selects the unencrypted ones.",
    );
  const client = s3Client(region);
  const status = await inventoryStatus(client, bucket);
  const report = status.located;
  if (!report) throw new AppError("check_failed", `No inventory report to use as the manifest: ${status.problem}`);
  if (report.format !== "CSV")
    throw new AppError(
      "check_failed",
      `The latest inventory report (${report.reportDate}) is ${report.format}; Batch Operations takes CSV inventory ` +
        `reports only. Choose the manifest generator, or a CSV inventory.`,
    );
  const { ETag: etag } = await send(
    client,
    new HeadObjectCommand({ Bucket: report.destinationBucket, Key: report.manifestKey }),
    `${report.destinationBucket}/${report.manifestKey}`,
  );
  return {
    source: {
      kind: "inventory",
      manifestArn: `arn:aws:s3:::${report.destinationBucket}/${report.manifestKey}`,
      manifestEtag: etag ?? "",
    },
    reportDate: report.reportDate,
  };
}

export async function roleTrust(roleArn: string): Promise<{ document: string | null; error: string | null }> {
  try {
    const out = await iamClient().send(new GetRoleCommand({ RoleName: roleArn.split("/").pop()! }));
    const doc = out.Role?.AssumeRolePolicyDocument;
    // IAM returns the trust policy URL-encoded.
    return { document: doc ? decodeURIComponent(doc) : null, error: doc ? null : "IAM returned no trust policy." };
  } catch (err) {
    return {
      document: null,
      error: isAwsError(err, "NoSuchEntity", "NoSuchEntityException")
        ? `no role ${roleArn} in this account.`
        : `${awsErrorName(err)} (iam:GetRole on ${roleArn}).`,
    };
  }
}

export async function objectLockState(region: string, bucket: string): Promise<"Enabled" | "off" | "unknown"> {
  try {
    const out = await s3Client(region).send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    return out.ObjectLockConfiguration?.ObjectLockEnabled === "Enabled" ? "Enabled" : "off";
  } catch (err) {
    return isAwsError(err, "ObjectLockConfigurationNotFoundError") ? "off" : "unknown";
  }
}

export async function replicationRules(region: string, bucket: string): Promise<number | null> {
  try {
    const out = await s3Client(region).send(new GetBucketReplicationCommand({ Bucket: bucket }));
    return out.ReplicationConfiguration?.Rules?.length ?? 0;
  } catch (err) {
    return isAwsError(err, "ReplicationConfigurationNotFoundError") ? 0 : null;
  }
}
