import type { DataFiles } from "@/lib/aws/s3-files";
import { AppError } from "@/lib/contracts/errors";
import type { ReportColumns } from "@/lib/objects/inventory-reports/schema";
import type { ReportManifest } from "@/lib/objects/inventory-reports/manifest";
import { ReportTally } from "@/lib/objects/inventory-reports/tally";
import { tallyCsvReport } from "@/lib/objects/inventory-reports/csv-reader";
import { tallyParquetReport } from "@/lib/objects/inventory-reports/parquet-reader";
import { defaultReportLimits, overLimit, type ReportLimits } from "@/lib/objects/inventory-reports/limits";

// Reads every data file a report's manifest names, one after the other, from wherever the files
// are (S3 for the console, local files for the benchmark), reporting progress in compressed bytes.

/** Where the files are read from: S3 for the console, local files for the benchmark. */
export type ReportFiles = DataFiles;

export async function tallyReport(
  manifest: ReportManifest,
  columns: ReportColumns,
  files: ReportFiles,
  onProgress: (bytesRead: number, rows: number) => void = () => {},
  isCancelled: () => boolean = () => false,
  limits: ReportLimits = defaultReportLimits,
): Promise<ReportTally> {
  const tally = new ReportTally();
  let done = 0;
  for (const f of manifest.files) {
    if (isCancelled()) break;
    // Compressed, a file is smaller than decompressed: one the manifest says is larger is not read at all.
    if (f.size > limits.fileBytes) throw overLimit(f.key, "is", limits.fileBytes, "CONSOLE_MAX_INVENTORY_FILE_MB");
    if (manifest.fileFormat === "CSV") {
      let read = 0;
      const onBytes = (n: number) => {
        read += n;
        onProgress(done + read, tally.rows);
      };
      await tallyCsvReport(await files.stream(f.key), columns, tally, f.key, onBytes, limits);
      // A file shorter than the manifest says was cut off in transit or in storage.
      if (read !== f.size)
        throw new AppError(
          "check_failed",
          `${f.key} has ${read} bytes where its manifest says ${f.size}: the report is truncated. ` +
            "Audit an earlier report, or wait for S3's next one.",
        );
    } else {
      await tallyParquetReport(
        files.ranges(f.key, f.size),
        columns,
        tally,
        f.key,
        (fraction) => onProgress(done + Math.round(fraction * f.size), tally.rows),
        limits,
      );
    }
    done += f.size;
    onProgress(done, tally.rows);
  }
  return tally;
}
