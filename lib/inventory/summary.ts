import type { ReplicationConfiguration } from "@aws-sdk/client-s3";
import type { EncryptionConfig } from "@/lib/contracts/encryption-config";
import type { BucketEncryption, ReplicationRule } from "@/lib/contracts/inventory";
import type { KeyResolution } from "@/lib/kms/key-resolver";

// Pure reshaping of S3's configuration documents into the console's types.

/** The key S3 encrypts with under this configuration (aws/s3 when it names none); null without KMS. */
export function kmsKeyToResolve(config: EncryptionConfig | null): string | null {
  const sse = config?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  if (sse?.SSEAlgorithm !== "aws:kms" && sse?.SSEAlgorithm !== "aws:kms:dsse") return null;
  return sse.KMSMasterKeyID ?? "alias/aws/s3";
}

const noKey = { kmsKeyArn: null, kmsKeyAlias: null, kmsKeyReference: null, kmsKeyProblem: null };

/**
 * null config = GetBucketEncryption answered ServerSideEncryptionConfigurationNotFoundError.
 * `key` is what the named key (or aws/s3) resolved to; null when it could not be looked up.
 */
export function summarizeEncryption(config: EncryptionConfig | null, key: KeyResolution | null): BucketEncryption {
  const rule = config?.Rules?.[0];
  const sse = rule?.ApplyServerSideEncryptionByDefault;
  if (!sse?.SSEAlgorithm) return { type: "NONE", ...noKey, bucketKeyEnabled: false };
  const bucketKeyEnabled = rule?.BucketKeyEnabled === true;
  if (sse.SSEAlgorithm === "AES256") return { type: "SSE-S3", ...noKey, bucketKeyEnabled };
  const type = sse.SSEAlgorithm === "aws:kms:dsse" ? "DSSE-KMS" : "SSE-KMS";
  const reference = sse.KMSMasterKeyID ?? null;
  return {
    type,
    kmsKeyArn: key?.arn ?? null,
    // No key named: S3 uses the AWS managed key of the bucket's region.
    kmsKeyAlias: reference ? (key?.alias ?? null) : "alias/aws/s3",
    kmsKeyReference: reference,
    kmsKeyProblem: key?.problem ?? null,
    bucketKeyEnabled,
  };
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

// Key problems that make every new object fail to encrypt (lib/kms/key-resolver.ts); a key of
// another account that cannot be described may well work, so it does not count.
const unusableKey = new Set(["not_found", "wrong_region", "invalid_input"]);

/** SSE-KMS with the Bucket Key off, on a key S3 can use: a bucket that fails to encrypt saves nothing. */
export function isCandidate(encryption: BucketEncryption | null): boolean {
  if (encryption?.type !== "SSE-KMS" || encryption.bucketKeyEnabled) return false;
  return !unusableKey.has(encryption.kmsKeyProblem?.code ?? "");
}
