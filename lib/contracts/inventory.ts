import { z } from "zod";
import { accountStatusSchema } from "./accounts";
import { bucketErrorSchema, encryptionTypeSchema } from "./api-error";

export type { EncryptionType } from "./api-error";
export { bucketErrorSchema } from "./api-error";

export const bucketEncryptionSchema = z.object({
  type: encryptionTypeSchema,
  /** The key's full ARN; null when it is not known (see kmsKeyProblem). Never an alias. */
  kmsKeyArn: z.string().nullable(),
  kmsKeyAlias: z.string().nullable(),
  /** The key as the configuration names it (key id, ARN or alias); null when it names none (aws/s3). */
  kmsKeyReference: z.string().nullable(),
  /** Why S3 cannot use the named key (a deleted alias, a key in another region…), as a sentence. */
  kmsKeyProblem: bucketErrorSchema.nullable(),
  bucketKeyEnabled: z.boolean(),
});
export type BucketEncryption = z.infer<typeof bucketEncryptionSchema>;

export const replicationRuleSchema = z.object({
  id: z.string(),
  status: z.enum(["Enabled", "Disabled"]),
  prefix: z.string().nullable(),
  destinationBucket: z.string(),
  destinationRegion: z.string().nullable(),
  /** Whether objects encrypted with SSE-KMS are replicated (SourceSelectionCriteria). */
  replicatesSseKms: z.boolean(),
  replicaKmsKeyId: z.string().nullable(),
});
export type ReplicationRule = z.infer<typeof replicationRuleSchema>;

export const replicationSchema = z.object({
  role: z.string().nullable(),
  rules: z.array(replicationRuleSchema),
  destinations: z.array(z.string()),
});

export const bucketPostureSchema = z.object({
  name: z.string(),
  /** The AWS account id the bucket belongs to. */
  account: z.string(),
  region: z.string().nullable(),
  createdAt: z.string().nullable(),
  encryption: bucketEncryptionSchema.nullable(),
  versioning: z.enum(["Enabled", "Suspended", "Off"]).nullable(),
  replication: replicationSchema.nullable(),
  /** SSE-KMS with Bucket Key off: the buckets a Bucket Key would save money on. */
  candidate: z.boolean(),
  /** Set when part of the bucket could not be read; the other fields hold what could. */
  error: bucketErrorSchema.nullable(),
});
export type BucketPosture = z.infer<typeof bucketPostureSchema>;

export const inventorySummarySchema = z.object({
  total: z.number(),
  byType: z.record(encryptionTypeSchema, z.number()),
  kmsBuckets: z.number(),
  withBucketKey: z.number(),
  /** Share of SSE-KMS buckets using a Bucket Key, 0..1; null when there are none. */
  bucketKeyShare: z.number().nullable(),
  candidates: z.number(),
  errors: z.number(),
  regions: z.array(z.string()),
});
export type InventorySummary = z.infer<typeof inventorySummarySchema>;

/** One account's part of a scan: its figures, or why it could not be read. */
export const accountScanSchema = accountStatusSchema.extend({
  buckets: z.number(),
  scannedAt: z.string().nullable(),
});
export type AccountScan = z.infer<typeof accountScanSchema>;

/** One account's buckets, or every account's (`?account=all`): `accounts` says which were read. */
export const inventorySchema = z.object({
  buckets: z.array(bucketPostureSchema),
  summary: inventorySummarySchema,
  accounts: z.array(accountScanSchema),
  scannedAt: z.string(),
});
export type Inventory = z.infer<typeof inventorySchema>;

export const kmsKeyStateSchema = z.object({
  arn: z.string(),
  keyId: z.string(),
  alias: z.string().nullable(),
  state: z.string().nullable(),
  manager: z.string().nullable(),
  spec: z.string().nullable(),
  usage: z.string().nullable(),
  region: z.string().nullable(),
});
export type KmsKeyState = z.infer<typeof kmsKeyStateSchema>;

export const bucketDetailSchema = z.object({
  bucket: bucketPostureSchema,
  /** The default-encryption key's state; null for SSE-S3 / none or when unreadable. */
  key: kmsKeyStateSchema.nullable(),
  keyError: bucketErrorSchema.nullable(),
});
export type BucketDetail = z.infer<typeof bucketDetailSchema>;
