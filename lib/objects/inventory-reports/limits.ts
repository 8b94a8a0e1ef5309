import { overLimitSaying } from "@/lib/runtime/input-limits";

// What one S3 Inventory data file may hold once decompressed, one Parquet page and row group of it, and one CSV line
// (CONSOLE_MAX_INVENTORY_FILE_MB, CONSOLE_MAX_PARQUET_PAGE_MB, CONSOLE_MAX_PARQUET_GROUP_ROWS, CONSOLE_MAX_CSV_LINE_KB): the report sits in a
// bucket anyone with write access to it can fill (lib/runtime/input-limits.ts).

export type ReportLimits = { fileBytes: number; lineBytes: number; pageBytes: number; groupRows: number };

/** The configuration's defaults: 16 GiB a data file (S3 splits reports into files far smaller), 64 KiB a line. */
export const defaultReportLimits: ReportLimits = {
  fileBytes: 16 * 2 ** 30,
  lineBytes: 64 * 1024,
  pageBytes: 64 * 2 ** 20,
  groupRows: 8 * 2 ** 20,
};

export const overLimit = overLimitSaying(
  "the audit stopped there. Raise the limit if the report is genuine, or audit another report.",
);
