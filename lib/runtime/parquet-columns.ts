import { gunzipSync } from "node:zlib";
import { parquetRead, type AsyncBuffer, type Compressors, type FileMetaData } from "hyparquet";
import { AppError } from "@/lib/contracts/errors";

// Columns of a Parquet file's rows [rowStart, rowEnd), each as one array indexed from rowStart:
// how the report readers (S3 Inventory, Data Exports) read a row group at a time. hyparquet reads
// Snappy itself; GZIP, which other writers use, comes from node:zlib. Errors are the caller's to name, except
// an AppError a decompressor threw (a size cap), which hyparquet wraps: it is found again and thrown as it is.

export const parquetCompressors = { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) };

export async function readParquetColumns(
  file: AsyncBuffer,
  metadata: FileMetaData,
  names: readonly string[],
  rowStart: number,
  rowEnd: number,
  compressors: Compressors = parquetCompressors,
): Promise<Map<string, unknown[]>> {
  const out = new Map(names.map((n) => [n, new Array<unknown>(rowEnd - rowStart)]));
  const read = parquetRead({
    file,
    metadata,
    columns: [...names],
    rowStart,
    rowEnd,
    compressors,
    onChunk: (chunk) => {
      // A chunk may start before or end after the rows asked for: copy the overlap only.
      const target = out.get(chunk.columnName)!;
      const from = Math.max(chunk.rowStart, rowStart);
      const to = Math.min(chunk.rowEnd, rowEnd);
      for (let r = from; r < to; r++) target[r - rowStart] = chunk.columnData[r - chunk.rowStart];
    },
  });
  try {
    await read;
  } catch (err) {
    for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) if (e instanceof AppError) throw e;
    throw err;
  }
  return out;
}
