import { z } from "zod";
import { bucketManagementEvents } from "./bucket-management-events";

/**
 * A change to a bucket made outside this console (S3 console, Terraform, CLI), from the S3 management
 * event CloudTrail recorded: History shows it beside the console's own changes (no rollback: the console
 * did not make it and holds no "before" to restore).
 */
export const outsideChangeEntrySchema = z.object({
  /** CloudTrail's eventID. */
  id: z.string(),
  account: z.string(),
  bucket: z.string(),
  region: z.string(),
  event: z.enum(bucketManagementEvents),
  at: z.string(),
  /** The caller as CloudTrail names it (an ARN, or the AWS service). */
  principal: z.string(),
  /** Where the console learned of it: a trail's log files in S3, or CloudTrail LookupEvents. */
  source: z.enum(["trail", "lookup-events"]),
  /** What the call set, when its record carries it; CloudTrail never records the configuration it replaced. */
  after: z.string().nullable(),
});
export type OutsideChangeEntry = z.infer<typeof outsideChangeEntrySchema>;

/** The newest outside changes History shows (and whether older ones were left out). */
export const outsideChangesLimit = 500;

export const outsideChangesSchema = z.object({
  changes: z.array(outsideChangeEntrySchema),
  /** True when there were more than `outsideChangesLimit`: the oldest are not listed. */
  truncated: z.boolean(),
});
export type OutsideChanges = z.infer<typeof outsideChangesSchema>;
