import { parquetMetadataAsync, parquetSchema, type AsyncBuffer } from "hyparquet";
import { boundedCompressors, readParquetColumns, rowBoundedFile } from "@/lib/runtime/parquet-columns";
import { AppError } from "@/lib/contracts/errors";
import type { ReportColumns } from "@/lib/objects/inventory-reports/schema";
import { reportCategory, type PrefixGroup, type ReportTally } from "@/lib/objects/inventory-reports/tally";
import { defaultReportLimits, overLimit, type ReportLimits } from "@/lib/objects/inventory-reports/limits";

// One Parquet data file of an S3 Inventory report into a tally, one row group at a time (memory
// is bounded by the largest row group's five columns, never by the file; lib/runtime/parquet-columns.ts).

export async function tallyParquetReport(
  source: AsyncBuffer,
  columns: ReportColumns,
  tally: ReportTally,
  name: string,
  onRowGroup: (fractionOfFile: number) => void = () => {},
  limits: Pick<ReportLimits, "fileBytes" | "pageBytes" | "groupRows"> = defaultReportLimits,
): Promise<void> {
  const metadata = await readMetadata(source, name);
  const file = rowBoundedFile(source, metadata, limits.groupRows, () =>
    overLimit(name, "has a row group of", limits.groupRows, "CONSOLE_MAX_PARQUET_GROUP_ROWS", "rows"),
  );
  const compressors = boundedCompressors(limits, (cap) =>
    cap === "pageBytes"
      ? overLimit(name, "has a page of", limits.pageBytes, "CONSOLE_MAX_PARQUET_PAGE_MB, decompressed")
      : overLimit(name, "holds", limits.fileBytes, "CONSOLE_MAX_INVENTORY_FILE_MB, decompressed"),
  );
  const present = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  const wanted = {
    key: columns.names[columns.key]!,
    size: columns.names[columns.size]!,
    encryption: columns.names[columns.encryptionStatus]!,
    bucketKey: columns.names[columns.bucketKeyStatus]!,
    isLatest: columns.isLatest === null ? null : columns.names[columns.isLatest]!,
    deleteMarker: columns.isDeleteMarker === null ? null : columns.names[columns.isDeleteMarker]!,
  };
  const names = Object.values(wanted).filter((n): n is string => n !== null);
  const absent = names.filter((n) => !present.has(n));
  if (absent.length)
    throw new AppError(
      "check_failed",
      `${name} has no column ${absent.join(", ")} although its manifest's fileSchema names it: ` +
        "the data file does not match its manifest. Audit an intact report.",
    );
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const data = await readParquetColumns(file, metadata, names, rowStart, rowEnd, compressors);
    countRows(data, wanted, rowEnd - rowStart, tally, name, rowStart);
    rowStart = rowEnd;
    onRowGroup(rowStart / Number(metadata.num_rows || 1));
  }
}

async function readMetadata(file: AsyncBuffer, name: string) {
  try {
    return await parquetMetadataAsync(file);
  } catch (err) {
    throw new AppError(
      "check_failed",
      `${name} is not a readable Parquet file (${(err as Error).message}): the report is truncated or damaged. ` +
        "Audit an earlier report, or wait for S3's next one.",
    );
  }
}

function countRows(
  data: Map<string, ArrayLike<unknown>>,
  wanted: Record<"key" | "size" | "encryption" | "bucketKey", string> &
    Record<"isLatest" | "deleteMarker", string | null>,
  rows: number,
  tally: ReportTally,
  name: string,
  firstRow: number,
): void {
  const keys = data.get(wanted.key)!;
  const sizes = data.get(wanted.size)!;
  const encryption = data.get(wanted.encryption)!;
  const bucketKey = data.get(wanted.bucketKey)!;
  const isLatest = wanted.isLatest ? data.get(wanted.isLatest) : undefined;
  const deleteMarker = wanted.deleteMarker ? data.get(wanted.deleteMarker) : undefined;
  let lastPrefix: string | null = null;
  let group: PrefixGroup | null = null;
  for (let r = 0; r < rows; r++) {
    if (isLatest?.[r] === false || deleteMarker?.[r] === true) continue;
    const key = String(keys[r] ?? "");
    const slash = key.indexOf("/");
    // Parquet keys are not URL-encoded (only CSV's are).
    const prefix = slash < 0 ? "" : key.slice(0, slash);
    if (group === null || prefix !== lastPrefix) {
      group = tally.group(prefix);
      lastPrefix = prefix;
    }
    const category = reportCategory(
      String(encryption[r] ?? ""),
      String(bucketKey[r] ?? ""),
      `${name}, row ${firstRow + r + 1}`,
    );
    group.counts[category]!++;
    group.bytes[category]! += Number(sizes[r] ?? 0);
    tally.rows++;
  }
}
