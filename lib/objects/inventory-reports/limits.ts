import { AppError } from "@/lib/contracts/errors";

// What one S3 Inventory data file may hold once decompressed, and one CSV line (CONSOLE_MAX_INVENTORY_FILE_MB,
// CONSOLE_MAX_CSV_LINE_KB): the report sits in a bucket anyone with write access to it can fill, so its files
// are read with limits that name themselves when they stop a file.

export type ReportLimits = { fileBytes: number; lineBytes: number };

/** The configuration's defaults: 16 GiB a data file (S3 splits reports into files far smaller), 64 KiB a line. */
export const defaultReportLimits: ReportLimits = { fileBytes: 16 * 2 ** 30, lineBytes: 64 * 1024 };

const size = (bytes: number) => (bytes >= 2 ** 20 ? `${+(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} bytes`);

export function overLimit(file: string, what: string, limit: number, variable: string): AppError {
  return new AppError(
    "check_failed",
    `${file} ${what} more than ${size(limit)}, the limit (${variable}): the audit stopped there. ` +
      "Raise the limit if the report is genuine, or audit another report.",
    { file, limitBytes: limit, variable },
  );
}
