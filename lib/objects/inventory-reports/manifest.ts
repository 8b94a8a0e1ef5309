import { z } from "zod";
import { AppError } from "@/lib/contracts/errors";

// manifest.json of an S3 Inventory report (version 2016-11-30): which data files make up the
// report, their format and fileSchema, and when S3 started writing it.

const reportManifestSchema = z.object({
  sourceBucket: z.string(),
  destinationBucket: z.string(),
  version: z.string().optional(),
  /** Milliseconds since the epoch, as a string; one a Date cannot hold is a damaged manifest, not a crash. */
  creationTimestamp: z
    .string()
    .regex(/^\d{1,16}$/)
    .refine((ms) => Number(ms) <= 8.64e15, "a time past the year 275760"),
  fileFormat: z.enum(["CSV", "ORC", "Parquet"]),
  fileSchema: z.string(),
  files: z.array(z.object({ key: z.string(), size: z.number().int().min(0), MD5checksum: z.string().optional() })),
});
export type ReportManifest = z.infer<typeof reportManifestSchema>;

export function parseReportManifest(text: string, where: string): ReportManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("check_failed", `${where} is not JSON: the report is damaged. Audit an earlier report.`);
  }
  const parsed = reportManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError(
      "check_failed",
      `${where} is not an S3 Inventory manifest (${issue.path.join(".") || "document"}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

/** Report folders are named by date: <prefix>/<source bucket>/<config id>/2026-12-01T01-00Z/. */
export const reportFolderPattern = /(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z)\/$/;

/** Where a configuration's reports live in its destination bucket. */
export function reportsPrefix(destinationPrefix: string | undefined, sourceBucket: string, configId: string): string {
  return `${destinationPrefix ? `${destinationPrefix.replace(/\/+$/, "")}/` : ""}${sourceBucket}/${configId}/`;
}
