import { z } from "zod";
import { accountStatusSchema } from "./accounts";
import { bucketErrorSchema, encryptionTypeSchema } from "./api-error";
import { bucketManagementEvents } from "./bucket-management-events";

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

const replicationRuleSchema = z.object({
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

const replicationSchema = z.object({
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
  /**
   * When the posture was read from AWS. Null: "not scanned yet" — the bucket is listed (or was
   * just created) but not read; encryption, versioning and replication are then null too.
   */
  readAt: z.string().nullable(),
  /**
   * Set when the row comes from an AWS Config configuration item (an aggregator's query) rather than
   * from reading the bucket through the account's role: "AWS Config, captured at <capturedAt>".
   */
  source: z.object({ kind: z.literal("config"), aggregator: z.string(), capturedAt: z.string() }).optional(),
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
  /** Buckets listed but not read yet (readAt null). */
  notScanned: z.number(),
  regions: z.array(z.string()),
});
export type InventorySummary = z.infer<typeof inventorySummarySchema>;

/**
 * A background full scan of one account (or, in a response for `account=all`, all accounts'
 * scans added up). `done` of `total` buckets read; `total` grows while ListBuckets pages come in.
 */
export const scanProgressSchema = z.object({
  /** never: no scan has run yet for this account; the others describe the latest scan. */
  state: z.enum(["never", "running", "done", "cancelled", "failed"]),
  done: z.number(),
  total: z.number(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Buckets of this scan that could only partly be read (their rows carry the error). */
  errors: z.number(),
  /**
   * Why the scan failed (e.g. ListBuckets denied), how it ended when cancelled, or (state never) why
   * the first scan cannot start yet (e.g. no credentials); else null.
   */
  message: z.string().nullable(),
  /** The error code of a failed (or, state never, blocked) scan, e.g. access_denied or no_credentials; else null. */
  errorCode: z.string().nullable(),
  /** What started it: first start of the console, the Rescan button, or the schedule. */
  trigger: z.enum(["start", "rescan", "schedule"]).nullable(),
  /** When the schedule (CONSOLE_INVENTORY_RESCAN_MINUTES) starts the next scan; null when off. */
  nextScheduledAt: z.string().nullable(),
});
export type ScanProgress = z.infer<typeof scanProgressSchema>;

/** One account's part of the inventory: its figures and scan, or why it could not be read. */
export const accountScanSchema = accountStatusSchema.extend({
  buckets: z.number(),
  /** When the last full scan of this account finished; null before the first one. */
  scannedAt: z.string().nullable(),
  scan: scanProgressSchema,
});
export type AccountScan = z.infer<typeof accountScanSchema>;

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

const bucketManagementEventSchema = z.enum(bucketManagementEvents);

/** "Changed outside this console at <at> by <principal>": the latest such event CloudTrail recorded. */
const outsideChangeSchema = z.object({
  at: z.string(),
  /** The caller as CloudTrail names it: an ARN (assumed-role sessions keep their session name), or the service. */
  principal: z.string(),
  event: bucketManagementEventSchema,
  /** Where the console learned of it: a trail's log files in S3, or CloudTrail LookupEvents. */
  source: z.enum(["trail", "lookup-events"]),
});
export type OutsideChange = z.infer<typeof outsideChangeSchema>;

export const bucketDetailSchema = z.object({
  bucket: bucketPostureSchema,
  /** The latest change to the bucket's configuration made outside this console; null when none was seen. */
  outsideChange: outsideChangeSchema.nullable(),
  /** The default-encryption key's state; null for SSE-S3 / none or when unreadable. */
  key: kmsKeyStateSchema.nullable(),
  keyError: bucketErrorSchema.nullable(),
  /**
   * The account's id when the console has no role there (it is known only from AWS Config): the bucket is shown as
   * Config captured it, and changing it needs the role. Null when the bucket was read through the account's role.
   */
  roleNeeded: z.string().nullable(),
});
export type BucketDetail = z.infer<typeof bucketDetailSchema>;
