import "server-only";
import {
  GetBucketEncryptionCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  type ServerSideEncryptionConfiguration,
  type ServerSideEncryptionRule,
  type ReplicationConfiguration,
} from "@aws-sdk/client-s3";
import type { EncryptionConfig, EncryptionRule } from "@/lib/contracts/encryption-config";
import type { BucketEncryption, BucketPosture } from "@/lib/contracts/inventory";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { isAwsError, toAppError } from "@/lib/aws/errors";
import { awsCallError, send } from "@/lib/aws/send";
import { bucketRegion } from "@/lib/aws/bucket-region";
import { bucketCreationDate, type ListedBucket } from "@/lib/inventory/list-buckets";
import {
  bucketFromArn,
  isCandidate,
  kmsKeyToResolve,
  summarizeEncryption,
  summarizeReplication,
} from "@/lib/inventory/summary";
import { keyResolver, type KeyResolver } from "@/lib/kms/key-resolver";

export type PostureContext = {
  /** The account the bucket belongs to (the one being scanned). */
  account: string;
  /** One resolver per region for the whole piece of work, so its lookups are shared. */
  keyResolver: (region: string) => KeyResolver;
  /** Awaited before each read: a background scan's bounded share of the event loop (lib/runtime/loop-share.ts). */
  pace?: () => Promise<void>;
};

/**
 * The context of one piece of work (a scan, one bucket's page): a key resolver per region, each
 * listing aliases afresh once, since a posture is kept and a value from an older listing would stick.
 */
export function postureContext(account: string): PostureContext {
  const resolvers = new Map<string, KeyResolver>();
  const resolverOf = (region: string) => {
    let resolver = resolvers.get(region);
    if (!resolver) resolvers.set(region, (resolver = keyResolver(region, account, { freshListing: true })));
    return resolver;
  };
  return { account, keyResolver: resolverOf };
}

/**
 * Reads one bucket's encryption, versioning and replication: the one builder of a posture, for
 * the inventory and the bucket page alike. A part that cannot be read (typically access denied)
 * leaves its field null and is reported in `error`, so one locked-down bucket never hides the
 * rest of the inventory.
 */
export async function readBucketPosture(
  bucket: ListedBucket | { name: string; createdAt: "look-up" },
  ctx: PostureContext,
): Promise<BucketPosture> {
  const { name } = bucket;
  const posture: BucketPosture = {
    name,
    account: ctx.account,
    region: null,
    createdAt: null,
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
      await ctx.pace?.();
      return await fn();
    } catch (err) {
      problems.push(err instanceof AppError ? err : toAppError(err, "S3", name));
      return undefined;
    }
  };

  const [region, createdAt] = await Promise.all([
    attempt(() => bucketRegion(name)),
    bucket.createdAt === "look-up" ? attempt(() => bucketCreationDate(name)) : bucket.createdAt,
  ]);
  posture.createdAt = createdAt ?? null;
  if (region) {
    posture.region = region;
    const client = s3Client(region);
    const readVersioningAndReplication = async () => {
      const versioning = await attempt(async () => {
        const out = await send(client, new GetBucketVersioningCommand({ Bucket: name }), name);
        return (out.Status ?? "Off") as "Enabled" | "Suspended" | "Off";
      });
      // S3 accepts a replication configuration only on a bucket with versioning enabled, and
      // versioning never returns to "Off" once enabled: a never-versioned bucket has none.
      const replication = versioning === "Off" ? null : await attempt(() => readReplicationConfig(name, region));
      return { versioning, replication };
    };
    const readEncryption = async () => {
      const config = await attempt(() => readEncryptionConfig(name, region));
      if (config === undefined) return undefined;
      const resolved = await attempt(() => resolveEncryption(config, ctx.keyResolver(region)));
      return resolved ?? summarizeEncryption(config, null);
    };
    const [encryption, { versioning, replication: replicationConfig }] = await Promise.all([
      readEncryption(),
      readVersioningAndReplication(),
    ]);
    if (encryption !== undefined) {
      posture.encryption = encryption;
      posture.candidate = isCandidate(encryption);
    }
    if (versioning !== undefined) posture.versioning = versioning;
    if (replicationConfig !== undefined) {
      const regions = await destinationRegions(replicationConfig);
      posture.replication = summarizeReplication(replicationConfig, (b) => regions.get(b) ?? null);
    }
  }
  if (problems.length) {
    const first = problems[0]!;
    posture.error = { code: first.code, message: problems.map((p) => p.message).join(" ") };
  }
  return posture;
}

/**
 * The configuration summarized with its key resolved, after it was read: the answer about the
 * key is at least as new as the configuration that names it.
 */
export async function resolveEncryption(
  config: EncryptionConfig | null,
  resolver: KeyResolver,
): Promise<BucketEncryption> {
  const reference = kmsKeyToResolve(config);
  return summarizeEncryption(config, reference ? await resolver.resolve(reference) : null);
}

/** Each destination's region, null where it cannot be found (a bucket of another account, say). */
async function destinationRegions(config: ReplicationConfiguration | null): Promise<Map<string, string | null>> {
  const named = (config?.Rules ?? []).map((r) => bucketFromArn(r.Destination?.Bucket ?? "")).filter(Boolean);
  const buckets = [...new Set(named)];
  const regions = await Promise.all(buckets.map((b) => bucketRegion(b).catch(() => null)));
  return new Map(buckets.map((b, i) => [b, regions[i] ?? null]));
}

/** The raw default-encryption configuration; null when the bucket has none. */
export async function readEncryptionConfig(name: string, region: string): Promise<EncryptionConfig | null> {
  try {
    const out = await s3Client(region).send(new GetBucketEncryptionCommand({ Bucket: name }));
    return out.ServerSideEncryptionConfiguration
      ? encryptionConfigFromSdk(out.ServerSideEncryptionConfiguration)
      : null;
  } catch (err) {
    // Real AWS always reports SSE-S3 for new buckets; older buckets and emulators may have none.
    if (isAwsError(err, "ServerSideEncryptionConfigurationNotFoundError")) return null;
    throw awsCallError(err, "GetBucketEncryption", name);
  }
}

/**
 * The SDK types every field as possibly undefined; S3 always sends Rules and each default's
 * SSEAlgorithm. Every other field of a rule is carried as S3 sent it (see buildPutConfiguration).
 */
function encryptionConfigFromSdk(config: ServerSideEncryptionConfiguration): EncryptionConfig {
  return { Rules: (config.Rules ?? []).map(ruleFromSdk) };
}

function ruleFromSdk({
  ApplyServerSideEncryptionByDefault: byDefault,
  ...carried
}: ServerSideEncryptionRule): EncryptionRule {
  const algorithm = byDefault?.SSEAlgorithm;
  return {
    ...carried,
    ...(algorithm && { ApplyServerSideEncryptionByDefault: { ...byDefault, SSEAlgorithm: algorithm } }),
  };
}

async function readReplicationConfig(name: string, region: string): Promise<ReplicationConfiguration | null> {
  try {
    const out = await s3Client(region).send(new GetBucketReplicationCommand({ Bucket: name }));
    return out.ReplicationConfiguration ?? null;
  } catch (err) {
    if (isAwsError(err, "ReplicationConfigurationNotFoundError")) return null;
    throw awsCallError(err, "GetBucketReplication", name);
  }
}
