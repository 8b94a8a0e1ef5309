import { z } from "zod";
import { bucketNameSchema } from "./params";
import { awsRegionSchema } from "./region";
import { athenaSettingsSchema } from "./usage-source";

// The KMS bill from a Data Export (CUR 2.0): where it is (/api/settings/bill-source), what was
// read of it (/api/bill), and the cost evidence built on it (/api/reports/reconciliation,
// /api/changes/effects, /api/overview/headline).

export const billSourceSchema = z
  .object({
    bucket: bucketNameSchema,
    /** The S3 path prefix the export was given; "" for none. */
    prefix: z
      .string()
      .max(512)
      .regex(/^[^\s]*$/, "must not contain spaces")
      .transform((p) => p.replace(/^\/+|\/+$/g, "")),
    exportName: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be a Data Exports export name (letters, digits, _ -)"),
    /** Months read back from the current one (the current one included). */
    months: z.number().int("a whole number of months").min(1).max(36),
    /** For exports too large for one machine: the export's Athena table, queried instead of reading its files. */
    athena: athenaSettingsSchema
      .pick({ workgroup: true, outputLocation: true, database: true, table: true, scanPricePerTb: true })
      .extend({ region: awsRegionSchema })
      .strict()
      .optional(),
  })
  .strict();
export type BillSource = z.infer<typeof billSourceSchema>;

export const billSourceResponseSchema = z.object({ source: billSourceSchema.nullable() });

/** An export the account's billing APIs list (/api/settings/bill-source/detected), to fill the location. */
export const detectedExportSchema = z.object({
  kind: z.enum(["data-export", "legacy-cur"]),
  name: z.string(),
  bucket: z.string(),
  prefix: z.string(),
  region: z.string(),
  format: z.string(),
  /** Whether its lines carry resource ids (each KMS line names its key); null when the API does not say. */
  resourceIds: z.boolean().nullable(),
  /** Why the console cannot read it as it is, with what to do; null when it can. */
  unreadable: z.string().nullable(),
});
export type DetectedExport = z.infer<typeof detectedExportSchema>;

export const billDetectionSchema = z.object({
  exports: z.array(detectedExportSchema),
  /** An API the console could not call (access denied names the IAM action): its exports are entered by hand. */
  problems: z.array(z.object({ api: z.enum(["data-exports", "legacy-cur"]), message: z.string() })),
});
export type BillDetection = z.infer<typeof billDetectionSchema>;

const month = z.string().regex(/^\d{4}-\d{2}$/);

export const billStatusSchema = z.object({
  source: billSourceSchema.nullable(),
  running: z.boolean(),
  progress: z.object({ filesDone: z.number(), filesTotal: z.number() }).nullable(),
  lastRun: z
    .object({
      at: z.string(),
      filesRead: z.number(),
      filesUnchanged: z.number(),
      filesDropped: z.number(),
      error: z.string().nullable(),
      /** The query of a read through Athena (each month it returned counts as one file read). */
      athena: z.object({ queryId: z.string(), dataScannedBytes: z.number(), costUsd: z.number() }).optional(),
    })
    .nullable(),
  periods: z.array(
    z.object({ period: month, files: z.number(), lines: z.number(), kmsLines: z.number(), readAt: z.string() }),
  ),
  /** Months in range without an export, each with what to do. */
  missingMonths: z.array(z.object({ period: month, message: z.string() })),
  errors: z.array(z.object({ file: z.string(), period: z.string(), reason: z.string() })),
  /** KMS lines the classifier did not place: shown, never dropped. */
  unclassified: z.array(
    z.object({
      usageType: z.string(),
      operation: z.string(),
      lineItemType: z.string(),
      reason: z.string(),
      lines: z.number(),
      costUsd: z.number(),
    }),
  ),
});
export type BillStatus = z.infer<typeof billStatusSchema>;

/** Where a figure comes from, and over which days: every headline figure carries one. */
export const figureSourceSchema = z.object({
  source: z.enum(["bill", "cloudtrail"]),
  fromDay: z.string(),
  toDay: z.string(),
  label: z.string(),
});
export type FigureSource = z.infer<typeof figureSourceSchema>;
