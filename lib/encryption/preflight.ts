import "server-only";
import {
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  ListObjectsV2Command,
  type S3Client,
} from "@aws-sdk/client-s3";
import { GetKeyPolicyCommand } from "@aws-sdk/client-kms";
import type { BucketEncryption } from "@/lib/contracts/inventory";
import type { CurrentEncryption, PreflightResult, ProposedEncryption } from "@/lib/contracts/encryption";
import { AppError } from "@/lib/contracts/errors";
import { kmsClient, s3Client } from "@/lib/aws/clients";
import { isAwsError } from "@/lib/aws/errors";
import type { AwsOperation } from "@/lib/aws/iam-actions";
import { awsCallError } from "@/lib/aws/send";
import { callerIdentity } from "@/lib/aws/identity";
import { encryptionAsCode } from "@/lib/encryption/as-code";
import { buildPutConfiguration } from "@/lib/encryption/change";
import { summarizeReplication } from "@/lib/inventory/summary";
import { knownBucketRegion } from "@/lib/aws/bucket-region";
import { runPreflightChecks } from "@/lib/encryption/preflight-checks";
import type { KeyFacts, PolicyFact, PreflightFacts } from "@/lib/encryption/preflight-facts";
import { keyResolver } from "@/lib/kms/key-resolver";
import { describeKey } from "@/lib/kms/describe-key";
import { parseKeyRef } from "@/lib/contracts/key-ref";

type BucketUsageFacts = PreflightFacts["usage"];
/**
 * Where KMS usage data comes from: the usage store's estimate (lib/usage/reports/savings-report.ts), passed in by
 * the route, since usage reports read the inventory and buckets must not import usage back. `eligible` is false
 * for a bucket that cannot use a Bucket Key (DSSE-KMS).
 */
export type UsageLookup = (bucket: string, eligible: boolean) => Promise<BucketUsageFacts>;

/** Resolves the proposal's key (alias or id) to its metadata via DescribeKey, in the bucket's region. */
async function resolveKey(
  proposed: ProposedEncryption,
  region: string,
  account: string,
): Promise<KeyFacts | { error: string } | null> {
  if (proposed.type === "SSE-S3" || !proposed.kmsKeyId) return null;
  const ref = parseKeyRef(proposed.kmsKeyId);
  if (!ref.ok) throw new AppError("invalid_input", ref.reason);
  if ((ref.ref.kind === "key-arn" || ref.ref.kind === "alias-arn") && ref.ref.region !== region) {
    throw new AppError(
      "check_failed",
      `The key is in ${ref.ref.region} but the bucket is in ${region}: S3 needs a key in the bucket's region.`,
    );
  }
  try {
    const named = ref.ref.kind === "alias-name" || ref.ref.kind === "alias-arn" ? ref.ref.alias : null;
    const k = await describeKey(proposed.kmsKeyId, region);
    const alias = named ?? (await keyResolver(region, account).aliasOf(k.keyId));
    return { arn: k.arn, alias, state: k.state, spec: k.spec, usage: k.usage, manager: k.manager, region: k.region };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") {
      throw new AppError(
        "check_failed",
        `No KMS key ${proposed.kmsKeyId} in ${region}. Check the ARN or alias, and that the key is in the bucket's region.`,
      );
    }
    return { error: err instanceof AppError ? err.message : "DescribeKey failed" };
  }
}

async function readPolicy(
  read: () => Promise<string | undefined>,
  notFound: string[],
  operation: AwsOperation,
  resource: string,
): Promise<PolicyFact> {
  try {
    return { policy: (await read()) ?? null };
  } catch (err) {
    if (isAwsError(err, ...notFound)) return { policy: null };
    return { error: awsCallError(err, operation, resource).message };
  }
}

/** Everything the review step shows: the exact configuration Save will put, and the checks. */
/** The bucket's replication rules; { error } when they could not be read, never a silent "none". */
async function readReplicationRules(s3: S3Client, bucket: string): Promise<PreflightFacts["replication"]> {
  try {
    const r = await s3.send(new GetBucketReplicationCommand({ Bucket: bucket }));
    return summarizeReplication(r.ReplicationConfiguration ?? null, knownBucketRegion)?.rules ?? [];
  } catch (err) {
    if (isAwsError(err, "ReplicationConfigurationNotFoundError")) return [];
    return { error: awsCallError(err, "GetBucketReplication", bucket).message };
  }
}

export async function reviewEncryptionChange(
  current: CurrentEncryption,
  proposed: ProposedEncryption,
  usageLookup: UsageLookup,
): Promise<PreflightResult> {
  const { bucket, region } = current;
  const s3 = s3Client(region);
  const { account } = await callerIdentity();
  const key = await resolveKey(proposed, region, account);
  const resolved = key && !("error" in key) ? key : null;
  // A key DescribeKey could not read (access denied) is put as typed; it is a key ARN only if typed as one.
  const typed = proposed.kmsKeyId ? parseKeyRef(proposed.kmsKeyId) : null;
  const keyArn = resolved?.arn ?? (typed?.ok && typed.ref.kind === "key-arn" ? proposed.kmsKeyId : null);
  const [keyPolicy, bucketPolicy, replication, hasObjects, usage] = await Promise.all([
    resolved
      ? readPolicy(
          async () =>
            (await kmsClient(region).send(new GetKeyPolicyCommand({ KeyId: resolved.arn, PolicyName: "default" })))
              .Policy,
          [],
          "GetKeyPolicy",
          resolved.alias ?? resolved.arn,
        )
      : Promise.resolve(null),
    readPolicy(
      async () => (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy,
      ["NoSuchBucketPolicy"],
      "GetBucketPolicy",
      bucket,
    ),
    readReplicationRules(s3, bucket),
    s3
      .send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }))
      .then((r) => (r.KeyCount ?? 0) > 0)
      .catch(() => null),
    // Usage data only adds figures to two checks: its absence or failure never blocks a review.
    usageLookup(bucket, current.encryption.type !== "DSSE-KMS").catch(() => null),
  ]);
  const kms = proposed.type !== "SSE-S3";
  const proposedSummary: BucketEncryption = {
    type: proposed.type,
    kmsKeyArn: kms ? keyArn : null,
    kmsKeyAlias: kms ? (resolved?.alias ?? null) : null,
    kmsKeyReference: kms ? proposed.kmsKeyId : null,
    // What is wrong with a proposed key is a check of the review, not a fact of the bucket.
    kmsKeyProblem: null,
    bucketKeyEnabled: proposed.type === "DSSE-KMS" ? false : proposed.bucketKeyEnabled,
  };
  const putConfiguration = buildPutConfiguration(current.raw, proposed, kms ? (keyArn ?? proposed.kmsKeyId) : null);
  const checks = runPreflightChecks({
    bucket,
    region,
    account,
    current: current.encryption,
    proposed: proposedSummary,
    key,
    keyPolicy,
    bucketPolicy,
    replication,
    hasObjects,
    usage,
  });
  return {
    current,
    proposed: proposedSummary,
    putConfiguration,
    checks,
    code: encryptionAsCode(bucket, region, putConfiguration),
  };
}
