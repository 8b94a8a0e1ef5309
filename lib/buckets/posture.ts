import "server-only";
import {
  GetBucketEncryptionCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  type ServerSideEncryptionConfiguration,
  type ReplicationConfiguration,
} from "@aws-sdk/client-s3";
import type { BucketPosture } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { isAwsError, toAppError } from "@/lib/aws/errors";
import { bucketRegion, knownBucketRegion } from "@/lib/buckets/bucket-region";
import { isCandidate, summarizeEncryption, summarizeReplication } from "@/lib/buckets/encryption-summary";
import type { AliasIndex } from "@/lib/kms/alias-index";

export type PostureContext = {
  /** The account the bucket belongs to (the one being scanned). */
  account: string;
  aliasIndex: (region: string) => Promise<AliasIndex>;
};

/**
 * Reads one bucket's encryption, versioning and replication. A part that cannot be read
 * (typically access denied) leaves its field null and is reported in `error`, so one
 * locked-down bucket never hides the rest of the inventory.
 */
export async function readBucketPosture(
  name: string,
  createdAt: string | null,
  ctx: PostureContext,
): Promise<BucketPosture> {
  const posture: BucketPosture = {
    name,
    account: ctx.account,
    region: null,
    createdAt,
    encryption: null,
    versioning: null,
    replication: null,
    candidate: false,
    error: null,
    readAt: new Date().toISOString(),
  };
  const problems: AppError[] = [];
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      problems.push(err instanceof AppError ? err : toAppError(err, "S3", name));
      return undefined;
    }
  };

  const region = await attempt(() => bucketRegion(name));
  if (region) {
    posture.region = region;
    const client = s3Client(region);
    const readVersioningAndReplication = async () => {
      const versioning = await attempt(async () => {
        try {
          const out = await client.send(new GetBucketVersioningCommand({ Bucket: name }));
          return (out.Status ?? "Off") as "Enabled" | "Suspended" | "Off";
        } catch (err) {
          throw toAppError(err, "s3:GetBucketVersioning", name);
        }
      });
      // S3 accepts a replication configuration only on a bucket with versioning enabled, and
      // versioning never returns to "Off" once enabled: a never-versioned bucket has none.
      const replication = versioning === "Off" ? null : await attempt(() => readReplicationConfig(name, region));
      return { versioning, replication };
    };
    const [encryptionConfig, { versioning, replication: replicationConfig }, aliases] = await Promise.all([
      attempt(() => readEncryptionConfig(name, region)),
      readVersioningAndReplication(),
      attempt(() => ctx.aliasIndex(region)),
    ]);
    if (encryptionConfig !== undefined) {
      const resolve = aliases ? (ref: string) => aliases.resolve(ref) : () => ({ arn: null, alias: null });
      posture.encryption = summarizeEncryption(encryptionConfig, resolve);
      posture.candidate = isCandidate(posture.encryption);
    }
    if (versioning !== undefined) posture.versioning = versioning;
    if (replicationConfig !== undefined)
      posture.replication = summarizeReplication(replicationConfig, knownBucketRegion);
  }
  if (problems.length) {
    const first = problems[0]!;
    posture.error = { code: first.code, message: problems.map((p) => p.message).join(" ") };
  }
  return posture;
}

/** The raw default-encryption configuration; null when the bucket has none. */
export async function readEncryptionConfig(
  name: string,
  region: string,
): Promise<ServerSideEncryptionConfiguration | null> {
  try {
    const out = await s3Client(region).send(new GetBucketEncryptionCommand({ Bucket: name }));
    return out.ServerSideEncryptionConfiguration ?? null;
  } catch (err) {
    // Real AWS always reports SSE-S3 for new buckets; older buckets and emulators may have none.
    if (isAwsError(err, "ServerSideEncryptionConfigurationNotFoundError")) return null;
    throw toAppError(err, "s3:GetEncryptionConfiguration", name);
  }
}

async function readReplicationConfig(name: string, region: string): Promise<ReplicationConfiguration | null> {
  try {
    const out = await s3Client(region).send(new GetBucketReplicationCommand({ Bucket: name }));
    return out.ReplicationConfiguration ?? null;
  } catch (err) {
    if (isAwsError(err, "ReplicationConfigurationNotFoundError")) return null;
    throw toAppError(err, "s3:GetReplicationConfiguration", name);
  }
}
