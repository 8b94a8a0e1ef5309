import { parquetMetadataAsync, parquetSchema, type AsyncBuffer, type Compressors, type FileMetaData } from "hyparquet";
import { boundedCompressors, readParquetColumns, rowBoundedFile } from "@/lib/runtime/parquet-columns";
import { AppError } from "@/lib/contracts/errors";
import { BillFold, billColumns, requireBillColumns, type BillField, type LineValues } from "./fold";
import { defaultBillLimits, overLimit, type BillLimits } from "./limits";

// One Parquet data file of a Data Export into a fold, a row group at a time: memory is bounded
// by one row group's columns, never by the file. Each group's product codes are read first and
// the other columns only when the group holds KMS lines (a few percent of a bill's lines), so a
// group without any costs one column (lib/runtime/parquet-columns.ts reads them). Each page, and
// the file's pages together, are held to the limits before they are decompressed, and each row group's rows
// (and what its pages state) before they are decoded.

export async function foldParquetBill(
  source: AsyncBuffer,
  name: string,
  limits: Pick<BillLimits, "fileBytes" | "pageBytes" | "groupRows"> = defaultBillLimits,
): Promise<BillFold> {
  const metadata = await readMetadata(source, name);
  const file = rowBoundedFile(source, metadata, limits.groupRows, () =>
    overLimit(name, "has a row group of", limits.groupRows, "CONSOLE_MAX_PARQUET_GROUP_ROWS", "rows"),
  );
  const compressors = boundedCompressors(limits, (cap) =>
    cap === "pageBytes"
      ? overLimit(name, "has a page of", limits.pageBytes, "CONSOLE_MAX_PARQUET_PAGE_MB, decompressed")
      : overLimit(name, "holds", limits.fileBytes, "CONSOLE_MAX_BILL_FILE_MB, decompressed"),
  );
  const present = parquetSchema(metadata).children.map((c) => c.element.name);
  const fields = requireBillColumns(present, name);
  const fold = new BillFold(name, fields.has("lineItemType"));
  const others = [...fields].filter((f) => f !== "productCode");
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const products = (
      await readColumns(file, metadata, [billColumns.productCode], rowStart, rowEnd, name, compressors)
    ).get(billColumns.productCode)!;
    const kmsRows: number[] = [];
    for (let r = 0; r < products.length; r++) if (BillFold.isKms(products[r])) kmsRows.push(r);
    const data =
      kmsRows.length > 0
        ? await readColumns(
            file,
            metadata,
            others.map((f) => billColumns[f]),
            rowStart,
            rowEnd,
            name,
            compressors,
          )
        : null;
    const column = (f: BillField) => data?.get(billColumns[f]);
    const cols = Object.fromEntries(others.map((f) => [f, column(f)])) as Partial<Record<BillField, unknown[]>>;
    fold.lines += products.length - kmsRows.length;
    for (const r of kmsRows) {
      const v = { productCode: products[r] } as LineValues;
      for (const f of others) (v as Record<string, unknown>)[f] = cols[f]![r];
      fold.add(v, rowStart + r + 1);
    }
    rowStart = rowEnd;
  }
  return fold;
}

async function readMetadata(file: AsyncBuffer, name: string): Promise<FileMetaData> {
  try {
    return await parquetMetadataAsync(file);
  } catch (err) {
    throw unreadable(name, err);
  }
}

function unreadable(name: string, err: unknown): AppError {
  return new AppError(
    "check_failed",
    `${name} is not a readable Parquet file (${(err as Error).message}): the export file is truncated or damaged; ` +
      "nothing of it was stored. Data Exports rewrites a month's files when it refreshes them: read the bill again later.",
  );
}

async function readColumns(
  file: AsyncBuffer,
  metadata: FileMetaData,
  names: string[],
  rowStart: number,
  rowEnd: number,
  fileName: string,
  compressors: Compressors,
): Promise<Map<string, unknown[]>> {
  try {
    return await readParquetColumns(file, metadata, names, rowStart, rowEnd, compressors);
  } catch (err) {
    // A cap's refusal names itself; anything else is a damaged file.
    if (err instanceof AppError) throw err;
    throw unreadable(fileName, err);
  }
}
