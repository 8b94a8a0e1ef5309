import { createGunzip } from "node:zlib";
import type { Readable } from "node:stream";
import { AppError } from "@/lib/contracts/errors";

// Limits on files read from S3 (inventory reports, the bill's Data Export): a bucket anyone with
// write access to it can fill, so each file is read with caps that name themselves when they stop
// it. The readers share these so a cap means the same thing, and is worded the same way, in each.

const size = (bytes: number) => (bytes >= 2 ** 20 ? `${+(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} bytes`);

/**
 * A reader's refusal of a file over a cap, naming the file and the limit (bytes, or `rows` of a Parquet row group),
 * then `advice`: what the reader stopped and what the user can do (e.g. "the audit stopped there. …").
 */
export function overLimitSaying(advice: string) {
  return (file: string, what: string, limit: number, variable: string, unit: "bytes" | "rows" = "bytes"): AppError => {
    const shown = unit === "bytes" ? size(limit) : `${limit.toLocaleString("en-US")} rows`;
    return new AppError("check_failed", `${file} ${what} more than ${shown}, the limit (${variable}): ${advice}`, {
      file,
      limit,
      unit,
      variable,
    });
  };
}

/**
 * A gzip stream's decompressed chunks, stopping (and dropping the source) once they pass `maxBytes`: a small gzip
 * of whitespace inflates a thousandfold. Errors other than the cap's are gzip's, for the caller to word.
 */
export async function* gunzipBounded(gzipped: Readable, maxBytes: number, over: () => AppError) {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  gzipped.on("error", (err) => gunzip.destroy(err));
  let decompressed = 0;
  for await (const chunk of gzipped.pipe(gunzip)) {
    decompressed += (chunk as Buffer).length;
    if (decompressed > maxBytes) {
      gzipped.destroy();
      throw over();
    }
    yield chunk as Buffer;
  }
}

/**
 * The line cut by chunk boundaries, kept in pieces and joined once, when its end comes: linear in the line's
 * length (joining at every chunk would be quadratic), and refused once it passes `maxBytes`.
 */
export class LineCarry {
  private pieces: Buffer[] = [];
  bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLong: () => never,
  ) {}

  /** Refuses a line that has grown past the cap, whether it is carried or whole in one chunk. */
  check(lineBytes: number): void {
    if (lineBytes > this.maxBytes) this.tooLong();
  }

  keep(piece: Buffer): void {
    this.bytes += piece.length;
    this.check(this.bytes);
    // A copy: the stream may reuse the chunk's memory.
    this.pieces.push(Buffer.from(piece));
  }

  take(): Buffer {
    const line = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.bytes);
    this.pieces = [];
    this.bytes = 0;
    return line;
  }
}
