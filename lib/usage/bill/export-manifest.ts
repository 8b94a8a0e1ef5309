import { z } from "zod";
import { AppError } from "@/lib/contracts/errors";

// A Data Export's Manifest.json (AWS Data Exports manifest file reference): the execution that
// delivered a billing period's files, the export's columns, and the data files as s3:// URIs.
// A legacy Cost and Usage Report manifest (assemblyId, reportKeys, columns with a category) is
// another schema: it is named as such rather than half-read.

const manifestSchema = z.object({
  executionId: z.string(),
  exportArn: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string().optional() })),
  dataFiles: z.array(z.string().regex(/^s3:\/\/[^/]+\/.+/, "must be an s3:// URI")),
});

export type ExportFormat = "parquet" | "csv";
export type ExportManifest = {
  executionId: string;
  columns: string[];
  files: { bucket: string; key: string; format: ExportFormat }[];
};

export function parseExportManifest(text: string, where: string): ExportManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      "check_failed",
      `${where} is not JSON: the manifest is damaged. Wait for the export's next refresh, then read the bill again.`,
    );
  }
  if (json && typeof json === "object" && ("assemblyId" in json || "reportKeys" in json))
    throw new AppError(
      "check_failed",
      `${where} is a legacy Cost and Usage Report manifest (assemblyId, reportKeys), another schema than Data ` +
        "Exports'. Create a Data Export of CUR 2.0 (Billing console → Data Exports; it can mirror the legacy " +
        "report) and name that export here.",
    );
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError(
      "check_failed",
      `${where} is not a Data Exports manifest this console reads (${issue.path.join(".") || "document"}: ` +
        `${issue.message}). Check that the location names a CUR 2.0 export.`,
    );
  }
  const files = parsed.data.dataFiles.map((uri) => {
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
    const format: ExportFormat | null = /\.parquet$/.test(key!) ? "parquet" : /\.csv\.gz$/.test(key!) ? "csv" : null;
    if (!format)
      throw new AppError(
        "check_failed",
        `${where} names ${uri}, neither Parquet nor gzip CSV. Set the export's format to Parquet (or CSV with GZIP).`,
      );
    return { bucket: bucket!, key: key!, format };
  });
  return { executionId: parsed.data.executionId, columns: parsed.data.columns.map((c) => c.name), files };
}

/** Months (YYYY-MM) from `months - 1` months before `now`'s month up to it, oldest first. */
export function monthsInRange(now: Date, months: number): string[] {
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}
