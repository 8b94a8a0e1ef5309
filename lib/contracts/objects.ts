import { z } from "zod";
import { idSchema } from "@/lib/contracts/params";

// Contracts of the object-level audit and the re-encryption jobs.

export const objectCategories = [
  "SSE-KMS with Bucket Key",
  "SSE-KMS without Bucket Key",
  "SSE-KMS other key",
  "SSE-S3",
  "DSSE-KMS",
  "Unencrypted or SSE-C",
] as const;
export const objectCategorySchema = z.enum(objectCategories);
export type ObjectCategory = z.infer<typeof objectCategorySchema>;

export const objectScanSchema = z.object({
  bucket: z.string(),
  state: z.enum(["none", "running", "done", "cancelled", "failed"]),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** null for a full scan; N when only the first N objects were read. */
  sampleSize: z.number().nullable(),
  listed: z.number(),
  scanned: z.number(),
  distribution: z.record(objectCategorySchema, z.number()),
  error: z.string().nullable(),
});
export type ObjectScan = z.infer<typeof objectScanSchema>;

export const scanRequestSchema = z
  .object({
    action: z.enum(["start", "cancel"]).default("start"),
    sampleSize: z.number().int().min(1).max(1_000_000).nullable().default(null),
  })
  .strict();

export const reencryptRequestSchema = z
  .object({
    dryRun: z.boolean().default(false),
    prefix: z.string().max(1024).default(""),
    onlyWithoutBucketKey: z.boolean().default(true),
    concurrency: z.number().int().min(1).max(64).default(16),
    ratePerSecond: z.number().min(0.1).max(5000).default(200),
  })
  .strict();
export type ReencryptRequest = z.infer<typeof reencryptRequestSchema>;

export const dryRunSchema = z.object({ dryRun: z.literal(true), objects: z.number(), bytes: z.number() });

export const jobSchema = z.object({
  id: z.number(),
  /** The bucket's account; null for jobs from before the console served several accounts (its own). */
  account: z.string().nullable(),
  bucket: z.string(),
  region: z.string(),
  keyArn: z.string(),
  state: z.enum(["running", "paused", "cancelled", "done"]),
  method: z.enum(["update-object-encryption", "copy-object"]).nullable(),
  methodReason: z.string().nullable(),
  versioned: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  options: reencryptRequestSchema,
  total: z.number(),
  done: z.number(),
  skipped: z.number(),
  failed: z.number(),
  bytesDone: z.number(),
  failures: z.array(z.object({ key: z.string(), reason: z.string() })),
  skips: z.array(z.object({ key: z.string(), reason: z.string() })),
});
export type ReencryptJob = z.infer<typeof jobSchema>;

/** POST /api/buckets/:name/reencrypt: what a dry run would touch, or the job it started. */
export const reencryptAnswerSchema = z.union([dryRunSchema, jobSchema]);

export const jobsSchema = z.object({ jobs: z.array(jobSchema) });
export const jobActionParamsSchema = z
  .object({ id: idSchema, action: z.enum(["pause", "resume", "cancel", "retry-failed"]) })
  .strict();

export const batchJobRequestSchema = z
  .object({
    operation: z.enum(["update-object-encryption", "copy"]).default("update-object-encryption"),
    roleArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
        "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>) that S3 Batch Operations may assume",
      ),
    prefix: z.string().max(1024).default(""),
  })
  .strict();

/**
 * The S3 Control CreateJob request the console builds (lib/objects/batch-job-request.ts), in the
 * SDK's field names: it is shown for review and submitted unchanged.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateJob.html
 */
export const createJobRequestSchema = z.object({
  AccountId: z.string(),
  ConfirmationRequired: z.boolean(),
  ClientRequestToken: z.string(),
  Description: z.string(),
  Priority: z.number(),
  RoleArn: z.string(),
  Operation: z.union([
    z.object({
      S3UpdateObjectEncryption: z.object({
        ObjectEncryption: z.object({ SSEKMS: z.object({ KMSKeyArn: z.string(), BucketKeyEnabled: z.boolean() }) }),
      }),
    }),
    z.object({
      S3PutObjectCopy: z.object({
        TargetResource: z.string(),
        MetadataDirective: z.literal("COPY"),
        SSEAwsKmsKeyId: z.string(),
        BucketKeyEnabled: z.boolean(),
      }),
    }),
  ]),
  Manifest: z.object({
    Spec: z.object({ Format: z.literal("S3BatchOperations_CSV_20180820"), Fields: z.array(z.enum(["Bucket", "Key"])) }),
    Location: z.object({ ObjectArn: z.string(), ETag: z.string() }),
  }),
  Report: z.object({
    Enabled: z.boolean(),
    Bucket: z.string(),
    Prefix: z.string(),
    Format: z.literal("Report_CSV_20180820"),
    ReportScope: z.literal("FailedTasksOnly"),
  }),
});
export type CreateJobRequest = z.infer<typeof createJobRequestSchema>;

export const preparedBatchJobSchema = z.object({
  id: z.number(),
  bucket: z.string(),
  region: z.string(),
  objects: z.number(),
  manifestKey: z.string(),
  /** The S3 Control CreateJob request, exactly as it will be submitted. */
  request: createJobRequestSchema,
  submittedJobId: z.string().nullable(),
});
export type PreparedBatchJob = z.infer<typeof preparedBatchJobSchema>;
