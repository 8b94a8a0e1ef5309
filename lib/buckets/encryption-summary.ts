import type { ReplicationConfiguration } from "@aws-sdk/client-s3";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import type { BucketEncryption, ReplicationRule } from "@/lib/contracts/inventory";

// Pure reshaping of S3's configuration documents into the console's types.

type KeyResolver = (reference: string) => { arn: string | null; alias: string | null };

/** null config = GetBucketEncryption answered ServerSideEncryptionConfigurationNotFoundError. */
export function summarizeEncryption(config: EncryptionConfig | null, resolveKey: KeyResolver): BucketEncryption {
  const rule = config?.Rules?.[0];
  const sse = rule?.ApplyServerSideEncryptionByDefault;
  if (!sse?.SSEAlgorithm) return { type: "NONE", kmsKeyArn: null, kmsKeyAlias: null, bucketKeyEnabled: false };
  const bucketKeyEnabled = rule?.BucketKeyEnabled === true;
  if (sse.SSEAlgorithm === "AES256") return { type: "SSE-S3", kmsKeyArn: null, kmsKeyAlias: null, bucketKeyEnabled };
  const type = sse.SSEAlgorithm === "aws:kms:dsse" ? "DSSE-KMS" : "SSE-KMS";
  if (!sse.KMSMasterKeyID) {
    // No key named: S3 uses the AWS managed key of the bucket's region.
    const managed = resolveKey("alias/aws/s3");
    return { type, kmsKeyArn: managed.arn, kmsKeyAlias: "alias/aws/s3", bucketKeyEnabled };
  }
  const resolved = resolveKey(sse.KMSMasterKeyID);
  return { type, kmsKeyArn: resolved.arn ?? sse.KMSMasterKeyID, kmsKeyAlias: resolved.alias, bucketKeyEnabled };
}

export function summarizeReplication(
  config: ReplicationConfiguration | null,
  regionOf: (bucket: string) => string | null,
) {
  if (!config?.Rules?.length) return null;
  const rules: ReplicationRule[] = config.Rules.map((r, i) => {
    const destinationBucket = bucketFromArn(r.Destination?.Bucket ?? "");
    return {
      id: r.ID ?? `rule-${i + 1}`,
      status: r.Status === "Enabled" ? "Enabled" : "Disabled",
      prefix: r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? r.Prefix ?? null,
      destinationBucket,
      destinationRegion: regionOf(destinationBucket),
      replicatesSseKms: r.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status === "Enabled",
      replicaKmsKeyId: r.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID ?? null,
    };
  });
  return { role: config.Role ?? null, rules, destinations: [...new Set(rules.map((r) => r.destinationBucket))] };
}

export function bucketFromArn(arn: string): string {
  return arn.startsWith("arn:") ? arn.slice(arn.lastIndexOf(":") + 1) : arn;
}

export function isCandidate(encryption: BucketEncryption | null): boolean {
  return encryption?.type === "SSE-KMS" && !encryption.bucketKeyEnabled;
}
