import { gunzipSync } from "node:zlib";
import { parquetRead, snappyUncompress, type AsyncBuffer, type Compressors, type FileMetaData } from "hyparquet";
// Not in the package's index, but exported under its `./src/*.js` subpaths: the same header reader hyparquet uses.
import { parquetHeader } from "hyparquet/src/column.js";
import { AppError } from "@/lib/contracts/errors";

// Columns of a Parquet file's rows [rowStart, rowEnd), each as one array indexed from rowStart:
// how the report readers (S3 Inventory, Data Exports) read a row group at a time. hyparquet reads
// Snappy itself; GZIP, which other writers use, comes from node:zlib. Errors are the caller's to name, except
// an AppError a decompressor threw (a size cap), which hyparquet wraps: it is found again and thrown as it is.

/** What one file's pages may grow to (each page, all of them together), and the rows one row group may hold. */
export type ParquetLimits = { pageBytes: number; fileBytes: number; groupRows: number };

/**
 * Decompressors that stop at the caps before allocating: a page header states its own uncompressed size, and
 * hyparquet would allocate whatever it states (a 100-byte page may claim gigabytes). Uncompressed pages are
 * bounded by the file's size already. `over` words the refusal, naming the file and the limit.
 */
export function boundedCompressors(
  limits: Pick<ParquetLimits, "pageBytes" | "fileBytes">,
  over: (cap: "pageBytes" | "fileBytes") => AppError,
): Compressors {
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

/**
 * The file as hyparquet should read it. A row group of more than `maxGroupRows` rows is refused (`over`). Each column
 * chunk's page headers are read before the chunk is decoded, and a page stating more values than its group has rows
 * fails as a damaged file. Bytes cannot bound this: a run-length-encoded page of a few bytes may state a billion
 * values, and hyparquet allocates what a page states. The columns read are flat (one value per row), so a genuine
 * page never states more. Whole row groups are read (readParquetColumns), so hyparquet slices each column chunk
 * from its start: the slices beginning at a chunk's start are the ones checked, over that chunk's length.
 */
export function rowBoundedFile(
  file: AsyncBuffer,
  metadata: FileMetaData,
  maxGroupRows: number,
  over: () => AppError,
): AsyncBuffer {
  const chunks = new Map<number, { rows: number; bytes: number }>();
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (rows > maxGroupRows) throw over();
    for (const { meta_data: meta } of group.columns)
      if (meta)
        chunks.set(Number(meta.dictionary_page_offset || meta.data_page_offset), {
          rows,
          bytes: Number(meta.total_compressed_size),
        });
  }
  return {
    byteLength: file.byteLength,
    slice: async (start, end) => {
      const bytes = await file.slice(start, end);
      const chunk = chunks.get(start);
      if (chunk) checkPageValues(bytes, Math.min(bytes.byteLength, chunk.bytes), chunk.rows);
      return bytes;
    },
  };
}

/** A damaged (or crafted) file's error, for the reader to word as such; not a limit a genuine file could pass. */
function checkPageValues(chunk: ArrayBuffer, length: number, groupRows: number): void {
  const reader = { view: new DataView(chunk, 0, length), offset: 0 };
  // As hyparquet walks a chunk: header, then the page's compressed bytes, to the chunk's end.
  while (reader.offset < length - 1) {
    const header = parquetHeader(reader);
    const values =
      header.data_page_header?.num_values ??
      header.data_page_header_v2?.num_values ??
      header.dictionary_page_header?.num_values ??
      0;
    if (values > groupRows) throw new Error(`a page states ${values} values in a row group of ${groupRows} rows`);
    // A negative size would walk back over the same header forever.
    if (!(header.compressed_page_size >= 0)) throw new Error(`a page states ${header.compressed_page_size} bytes`);
    reader.offset += header.compressed_page_size;
  }
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
