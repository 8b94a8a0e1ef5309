import type { BucketPosture } from "../lib/contracts/inventory";

// The benchmarks' inventory: mixed configurations over 3 regions (SSE-S3, SSE-KMS with and
// without a Bucket Key, DSSE-KMS, none), a partly unreadable bucket every 997 and a bucket not
// scanned yet every 501.

export const benchAccounts = ["111111111111", "222222222222"];
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const types = ["SSE-S3", "SSE-KMS", "SSE-KMS", "DSSE-KMS", "NONE"] as const;

/** Bucket i of a mixed inventory; `accounts` spreads the buckets over them in turn. */
export function posture(i: number, accounts: readonly string[] = benchAccounts): BucketPosture {
  const account = accounts[i % accounts.length]!;
  const region = regions[i % 3]!;
  const type = types[i % 5]!;
  const kms = type === "SSE-KMS" || type === "DSSE-KMS";
  const bucketKeyEnabled = type === "SSE-KMS" && i % 3 === 0;
  const keyId = `${(i % 40).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
  return {
    name: `bench-${String(i).padStart(6, "0")}-${["logs", "media", "orders", "exports"][i % 4]}`,
    account,
    region,
    createdAt: "2025-01-01T00:00:00.000Z",
    encryption: {
      type,
      kmsKeyArn: kms ? `arn:aws:kms:${region}:${account}:key/${keyId}` : null,
      kmsKeyAlias: kms ? `alias/team-${i % 40}` : null,
      kmsKeyReference: kms ? `alias/team-${i % 40}` : null,
      kmsKeyProblem: null,
      bucketKeyEnabled,
    },
    versioning: i % 7 === 0 ? "Enabled" : "Off",
    replication: null,
    candidate: type === "SSE-KMS" && !bucketKeyEnabled,
    error: i % 997 === 0 ? { code: "access_denied", message: "not allowed s3:GetBucketVersioning" } : null,
    readAt: i % 501 === 0 ? null : "2026-03-01T00:00:00.000Z",
  };
}
