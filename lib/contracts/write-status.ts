import { z } from "zod";

// The state of a write the console made to AWS, recorded before the call and settled after it:
// pending (sent, no answer yet), applied, failed (AWS refused it, nothing changed), or unknown
// (the answer was lost or could not be verified: a reset, a timeout, a 5xx after retries, a
// read-back that failed). Unknown writes are settled by reading AWS, never left silently.

export const writeStatusSchema = z.enum(["pending", "applied", "failed", "unknown"]);
export type WriteStatus = z.infer<typeof writeStatusSchema>;

/** The error code an inventory row carries while a change to its bucket is unknown: its encryption may be stale. */
export const unverifiedChangeCode = "unverified_change";

/** One thing that happened to a write record, in order: what History shows under "what happened". */
export const writeStepSchema = z.object({ at: z.string(), status: writeStatusSchema, note: z.string() });
export type WriteStep = z.infer<typeof writeStepSchema>;

/** A write other than a bucket's default encryption (those are changes): a key, an inventory setup, a Batch job. */
export const awsWriteSchema = z.object({
  id: z.number(),
  at: z.string(),
  account: z.string(),
  kind: z.enum(["kms-create-key", "inventory-setup", "batch-submit", "config-rule"]),
  /** What was written, in words: "alias/x in us-east-1", "inventory of bucket-a", "job #3 for bucket-a", "<rule> in <region>". */
  target: z.string(),
  user: z.string().nullable(),
  status: writeStatusSchema,
  steps: z.array(writeStepSchema),
  /** What the write made, once known: the key ARN, the Batch job id, the Config rule's ARN. */
  result: z.string().nullable(),
});
export type AwsWrite = z.infer<typeof awsWriteSchema>;

export const awsWritesSchema = z.object({ writes: z.array(awsWriteSchema) });
