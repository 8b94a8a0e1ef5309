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
const objectCategorySchema = z.enum(objectCategories);
export type ObjectCategory = z.infer<typeof objectCategorySchema>;

const perCategory = z.record(objectCategorySchema, z.number());

const prefixTallySchema = z.object({
  /** The top-level prefix ("" for keys at the bucket's top level); null for all the prefixes not shown. */
  prefix: z.string().nullable(),
  objects: z.number(),
  distribution: perCategory,
  bytes: perCategory,
});
export type PrefixTally = z.infer<typeof prefixTallySchema>;

export const objectScanSchema = z.object({
  bucket: z.string(),
  /** Where the figures come from: an S3 Inventory report, or HeadObject on the objects (full or sample). */
  source: z.enum(["inventory", "objects"]),
  /** The inventory report's date (its manifest's creation time); null unless source is "inventory". */
  reportDate: z.string().nullable(),
  /** The report read: "<destination bucket>/<manifest key>"; null unless source is "inventory". */
  report: z.string().nullable(),
  state: z.enum(["none", "running", "done", "cancelled", "failed"]),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** null for a full scan; N when only the first N objects were read. */
  sampleSize: z.number().nullable(),
  listed: z.number(),
  scanned: z.number(),
  /** Report reading progress in compressed bytes of its data files (null for a HeadObject scan). */
  reportBytesRead: z.number().nullable(),
  reportBytesTotal: z.number().nullable(),
  distribution: perCategory,
  bytes: perCategory,
  prefixes: z.array(prefixTallySchema),
  error: z.string().nullable(),
});
export type ObjectScan = z.infer<typeof objectScanSchema>;

export const scanRequestSchema = z
  .object({
    action: z.enum(["start", "cancel"]).default("start"),
    /** Default: the latest inventory report when a usable one exists, else HeadObject on the objects. */
    source: z.enum(["inventory", "objects"]).optional(),
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

export const reencryptJobSchema = z.object({
  id: z.number(),
  /** The bucket's account; null for jobs from before the console served several accounts (its own). */
  account: z.string().nullable(),
  bucket: z.string(),
  region: z.string(),
  keyArn: z.string(),
  state: z.enum(["running", "paused", "cancelled", "done"]),
  /** Why the console itself put the job in its state (paused at start-up in read-only mode); null otherwise. */
  stateReason: z.string().nullable(),
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
export type ReencryptJob = z.infer<typeof reencryptJobSchema>;

/** POST /api/buckets/:name/reencrypt: what a dry run would touch, or the job it started. */
export const reencryptAnswerSchema = z.union([dryRunSchema, reencryptJobSchema]);

export const reencryptJobsSchema = z.object({ jobs: z.array(reencryptJobSchema) });
export const reencryptJobActionParamsSchema = z
  // Pause and cancel have routes of their own (they stop work, so read-only mode allows them).
  .object({ id: idSchema, action: z.enum(["resume", "retry-failed"]) })
  .strict();
