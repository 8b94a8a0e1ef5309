import { createHash } from "node:crypto";
import type { EncryptionConfig, EncryptionRule } from "@/lib/contracts/encryption-config";
import type { ProposedEncryption } from "@/lib/contracts/encryption";

// Pure rules of an encryption change: the version of a configuration, the configuration that
// Save puts, and whether what S3 reports afterwards is what was put.

/** Canonical JSON: keys sorted at every level, so equal configurations hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function configVersion(raw: EncryptionConfig | null): string {
  return createHash("sha256").update(canonicalJson(raw)).digest("hex").slice(0, 16);
}

const algorithm = { "SSE-S3": "AES256", "SSE-KMS": "aws:kms", "DSSE-KMS": "aws:kms:dsse" } as const;

/**
 * PutBucketEncryption replaces the whole configuration. Everything the wizard does not edit
 * (BlockedEncryptionTypes and any field S3 adds later) is carried over from the current
 * rule unchanged; only the default algorithm, key and Bucket Key are replaced.
 * @param keyArn the proposal's key resolved to a full ARN (AWS recommends ARNs: aliases
 *   resolve in the caller's account, and S3 does not validate what it is given)
 */
export function buildPutConfiguration(
  current: EncryptionConfig | null,
  proposed: ProposedEncryption,
  keyArn: string | null,
): EncryptionConfig {
  const [first, ...otherRules] = current?.Rules ?? [];
  const carried: EncryptionRule = { ...first };
  delete carried.ApplyServerSideEncryptionByDefault;
  delete carried.BucketKeyEnabled;
  const rule: EncryptionRule = {
    ...carried,
    ApplyServerSideEncryptionByDefault: {
      SSEAlgorithm: algorithm[proposed.type],
      ...(proposed.type !== "SSE-S3" && keyArn ? { KMSMasterKeyID: keyArn } : {}),
    },
    BucketKeyEnabled: proposed.type === "DSSE-KMS" ? false : proposed.bucketKeyEnabled,
  };
  return { ...current, Rules: [rule, ...otherRules] };
}

/** Fields S3 fills in on its own when reading back (none today) would go here; compare the rest. */
export function sameConfiguration(a: EncryptionConfig | null, b: EncryptionConfig | null): boolean {
  const normalize = (c: EncryptionConfig | null) =>
    c?.Rules?.map((r) => ({ ...r, BucketKeyEnabled: r.BucketKeyEnabled === true })) ?? null;
  return canonicalJson(normalize(a)) === canonicalJson(normalize(b));
}
