// Local files read the way report readers read S3 objects (lib/aws/s3-files.ts): by byte range for
// Parquet, streamed for CSV; the benchmarks use it to measure the readers without network time.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { DataFiles } from "../lib/aws/s3-files";

export function localFiles(pathOf: (key: string) => string): DataFiles {
  return {
    stream: async (key) => createReadStream(pathOf(key), { highWaterMark: 1 << 20 }),
    ranges: (key, size) => ({
      byteLength: size,
      slice: async (start, end = size) => {
        const fh = await open(pathOf(key));
        try {
          const out = Buffer.alloc(end - start);
          await fh.read(out, 0, out.length, start);
          return out.buffer.slice(out.byteOffset, out.byteOffset + out.length) as ArrayBuffer;
        } finally {
          await fh.close();
        }
      },
    }),
  };
}
