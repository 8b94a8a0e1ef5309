import { gunzipSync } from "node:zlib";
import { parquetRead, snappyUncompress, type AsyncBuffer, type Compressors, type FileMetaData } from "hyparquet";
import { AppError } from "@/lib/contracts/errors";

// Columns of a Parquet file's rows [rowStart, rowEnd), each as one array indexed from rowStart:
// how the report readers (S3 Inventory, Data Exports) read a row group at a time. hyparquet reads
// Snappy itself; GZIP, which other writers use, comes from node:zlib. Errors are the caller's to name, except
// an AppError a decompressor threw (a size cap), which hyparquet wraps: it is found again and thrown as it is.

/** What one file's pages may grow to: each page, and all of them together. */
export type ParquetLimits = { pageBytes: number; fileBytes: number };

/**
 * Decompressors that stop at the caps before allocating: a page header states its own uncompressed size, and
 * hyparquet would allocate whatever it states (a 100-byte page may claim gigabytes). Uncompressed pages are
 * bounded by the file's size already. `over` words the refusal, naming the file and the limit.
 */
export function boundedCompressors(limits: ParquetLimits, over: (cap: keyof ParquetLimits) => AppError): Compressors {
  let total = 0;
  const reserve = (outputLength: number) => {
    if (outputLength > limits.pageBytes) throw over("pageBytes");
    total += outputLength;
    if (total > limits.fileBytes) throw over("fileBytes");
  };
  return {
    SNAPPY: (input, outputLength) => {
      reserve(outputLength);
      const output = new Uint8Array(outputLength);
      snappyUncompress(input, output);
      return output;
    },
    GZIP: (input, outputLength) => {
      reserve(outputLength);
      return new Uint8Array(gunzipSync(input, { maxOutputLength: Math.max(1, outputLength) }));
    },
  };
}

export async function readParquetColumns(
  file: AsyncBuffer,
  metadata: FileMetaData,
  names: readonly string[],
  rowStart: number,
  rowEnd: number,
  compressors: Compressors,
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
