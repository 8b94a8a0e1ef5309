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

const batchJobCheckSchema = z.object({
  id: z.enum(["role-trust", "role-permissions", "object-lock", "replication", "key-account", "objects"]),
  title: z.string(),
  status: z.enum(["pass", "warn", "fail", "unknown"]),
  detail: z.string(),
});
export type BatchJobCheck = z.infer<typeof batchJobCheckSchema>;

const batchJobStatusSchema = z.object({
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

const encryptionFilter = z.union([
  z.object({ SSEKMS: z.object({ BucketKeyEnabled: z.boolean() }) }),
  z.object({ NOTSSE: z.object({}) }),
]);

/**
 * The S3 Control CreateJob request the console builds (lib/objects/batch/request.ts), in the
 * SDK's field names: shown for review and submitted unchanged. Its manifest is S3's own: the
 * inventory report's manifest.json, or the manifest generator.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateJob.html
 */
const createJobRequestSchema = z.object({
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
  Manifest: z
    .object({
      Spec: z.object({ Format: z.literal("S3InventoryReport_CSV_20161130") }),
      Location: z.object({ ObjectArn: z.string(), ETag: z.string() }),
    })
    .optional(),
  ManifestGenerator: z
    .object({
      S3JobManifestGenerator: z.object({
        ExpectedBucketOwner: z.string(),
        SourceBucket: z.string(),
        EnableManifestOutput: z.boolean(),
        ManifestOutputLocation: z.object({
          ExpectedManifestBucketOwner: z.string(),
          Bucket: z.string(),
          ManifestPrefix: z.string(),
          ManifestFormat: z.literal("S3InventoryReport_CSV_20211130"),
        }),
        Filter: z.object({
          MatchAnyObjectEncryption: z.array(encryptionFilter),
          ObjectSizeLessThanBytes: z.number().optional(),
          KeyNameConstraint: z.object({ MatchAnyPrefix: z.array(z.string()) }).optional(),
        }),
      }),
    })
    .optional(),
  Report: z.object({
    Enabled: z.boolean(),
    Bucket: z.string(),
    Prefix: z.string(),
    Format: z.literal("Report_CSV_20180820"),
    ReportScope: z.literal("AllTasks"),
  }),
});
export type CreateJobRequest = z.infer<typeof createJobRequestSchema>;

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
  request: createJobRequestSchema,
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
