import { z } from "zod";
import { bucketNameSchema } from "@/lib/contracts/params";

// Contracts of the S3 Inventory side of the object audit: the bucket's inventory configurations,
// its latest usable report, and the configuration the console proposes when there is none.

const inventoryConfigSummarySchema = z.object({
  id: z.string(),
  enabled: z.boolean(),
  destinationBucket: z.string(),
  prefix: z.string(),
  format: z.string(),
  frequency: z.string(),
});

const inventoryReportSummarySchema = z.object({
  configId: z.string(),
  destinationBucket: z.string(),
  manifestKey: z.string(),
  /** The manifest's creationTimestamp, as an ISO time. */
  reportDate: z.string(),
  format: z.enum(["CSV", "Parquet"]),
  files: z.number(),
  bytes: z.number(),
});
export type InventoryReportSummary = z.infer<typeof inventoryReportSummarySchema>;

export const inventoryStatusSchema = z.object({
  bucket: z.string(),
  configurations: z.array(inventoryConfigSummarySchema),
  /** The latest report the audit can read; null when there is none (see problem). */
  report: inventoryReportSummarySchema.nullable(),
  /** Why no report is usable, written for the user; null when report is set. */
  problem: z.string().nullable(),
});
export type InventoryStatus = z.infer<typeof inventoryStatusSchema>;

export const inventorySetupRequestSchema = z
  .object({
    destinationBucket: bucketNameSchema,
    format: z.enum(["CSV", "Parquet"]).default("CSV"),
    prefix: z
      .string()
      .max(512)
      // S3's safe key characters, parts joined by single slashes: the prefix lands in a bucket policy's Resource.
      .regex(
        /^$|^(?!.*\.\.)[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/,
        "must be letters, digits and ! - _ . * ' ( ) in parts joined by single slashes, without .. or a slash at either end",
      )
      .default("inventory"),
  })
  .strict();
export type InventorySetupRequest = z.infer<typeof inventorySetupRequestSchema>;

export const inventorySetupSchema = z.object({
  bucket: z.string(),
  /** PutBucketInventoryConfiguration input, exactly as it is sent. */
  request: z.record(z.string(), z.unknown()),
  /** The destination bucket's policy after adding the statement S3 needs to write reports (PutBucketPolicy). */
  destinationPolicy: z.record(z.string(), z.unknown()),
  /** The statement itself, for review. */
  destinationStatement: z.record(z.string(), z.unknown()),
  applied: z.boolean(),
  /** Where the first report will appear, and when. */
  firstReport: z.string(),
});
export type InventorySetup = z.infer<typeof inventorySetupSchema>;
