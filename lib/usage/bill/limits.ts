import { overLimitSaying } from "@/lib/runtime/input-limits";

// What one Data Export file may be and hold (CONSOLE_MAX_BILL_FILE_MB, CONSOLE_MAX_PARQUET_PAGE_MB,
// CONSOLE_MAX_PARQUET_GROUP_ROWS, CONSOLE_MAX_CSV_LINE_KB): the export's bucket is anyone's with write access to it, so a file is read with caps
// (lib/runtime/input-limits.ts). A file over one is that file's error; the others are read.

export type BillLimits = { fileBytes: number; pageBytes: number; groupRows: number; lineBytes: number };

/** The configuration's defaults. */
export const defaultBillLimits: BillLimits = {
  fileBytes: 16 * 2 ** 30,
  pageBytes: 64 * 2 ** 20,
  groupRows: 8 * 2 ** 20,
  lineBytes: 64 * 1024,
};

export const overLimit = overLimitSaying(
  "nothing of it was stored. Raise the limit if the export file is genuine, then read the bill again.",
);
