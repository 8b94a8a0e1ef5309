import { z } from "zod";

// Contracts of S3 Batch Operations jobs: prepared for review here, run by S3 over a manifest S3
// itself provides (the latest inventory report, or its manifest generator), followed after submit.

export const batchJobRequestSchema = z
  .object({
    /** "inventory": the latest CSV inventory report is the manifest; "generator": S3 lists and filters. */
    manifest: z.enum(["inventory", "generator"]),
    roleArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
        "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>) that S3 Batch Operations may assume",
      ),
    prefix: z.string().max(1024).default(""),
    /** "copy-unencrypted" copies the unencrypted objects (≤ 5 GB) that UpdateObjectEncryption cannot change. */
    operation: z.enum(["update-object-encryption", "copy-unencrypted"]).default("update-object-encryption"),
  })
  .strict();
export type BatchJobRequest = z.infer<typeof batchJobRequestSchema>;

export const batchJobCheckSchema = z.object({
  id: z.enum(["role-trust", "role-permissions", "object-lock", "replication", "key-account", "objects"]),
  title: z.string(),
  status: z.enum(["pass", "warn", "fail", "unknown"]),
  detail: z.string(),
});
export type BatchJobCheck = z.infer<typeof batchJobCheckSchema>;

export const batchJobStatusSchema = z.object({
  /** S3's job status: New, Preparing, Suspended (awaiting confirmation), Active, Complete, Failed, … */
  status: z.string(),
  total: z.number().nullable(),
  succeeded: z.number().nullable(),
  failed: z.number().nullable(),
  /** s3://bucket/prefix/job-<id>/ where S3 writes the completion report. */
  reportLocation: z.string().nullable(),
  failureReasons: z.array(z.string()),
  checkedAt: z.string(),
});
export type BatchJobStatus = z.infer<typeof batchJobStatusSchema>;

const document = z.record(z.string(), z.unknown());

export const preparedBatchJobSchema = z.object({
  id: z.number(),
  account: z.string(),
  bucket: z.string(),
  region: z.string(),
  manifest: z.enum(["inventory", "generator"]),
  operation: z.enum(["update-object-encryption", "copy-unencrypted"]),
  /** The inventory report used as manifest (its date), null for the manifest generator. */
  reportDate: z.string().nullable(),
  createdAt: z.string(),
  /** The S3 Control CreateJob request, exactly as it will be submitted. */
  request: document,
  /** What the job's role must trust and be allowed, as policy documents to attach. */
  trustPolicy: document,
  rolePolicy: document,
  checks: z.array(batchJobCheckSchema),
  submittedJobId: z.string().nullable(),
  /** The last DescribeJob / ListJobs answer; null before submit. */
  status: batchJobStatusSchema.nullable(),
  /** Why the status could not be read just now (the stored status stays). */
  statusError: z.string().nullable(),
});
export type PreparedBatchJob = z.infer<typeof preparedBatchJobSchema>;

export const batchJobsSchema = z.object({ jobs: z.array(preparedBatchJobSchema) });
export const batchJobsQuerySchema = z.object({ bucket: z.string().max(63).optional() }).strict();
