import type { Readable } from "node:stream";
import { AppError } from "@/lib/contracts/errors";
import { gunzipBounded, LineCarry } from "@/lib/runtime/input-limits";
import type { ReportColumns } from "@/lib/objects/inventory-reports/schema";
import { defaultReportLimits, overLimit, type ReportLimits } from "@/lib/objects/inventory-reports/limits";
import {
  categoryIndex,
  reportCategory,
  type PrefixGroup,
  type ReportTally,
} from "@/lib/objects/inventory-reports/tally";

// Streams one gzip CSV data file of an S3 Inventory report into a tally, on bytes: no row object
// and no string per field. S3 writes every field in double quotes and URL-encodes keys (a space
// as "+", "/" as "%2F"), so no field holds a quote, a comma or a newline. Rows are sorted by key,
// so consecutive rows share their top-level prefix and the prefix is decoded once per run.

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const SLASH = 0x2f;
const PERCENT = 0x25;

type Field = "ignore" | "key" | "size" | "encryption" | "bucketKey" | "isLatest" | "deleteMarker";

export async function tallyCsvReport(
  gzipped: Readable,
  columns: ReportColumns,
  tally: ReportTally,
  file: string,
  onCompressedBytes: (n: number) => void = () => {},
  limits: Pick<ReportLimits, "fileBytes" | "lineBytes"> = defaultReportLimits,
): Promise<void> {
  const roles: Field[] = columns.names.map(() => "ignore");
  roles[columns.key] = "key";
  roles[columns.size] = "size";
  roles[columns.encryptionStatus] = "encryption";
  roles[columns.bucketKeyStatus] = "bucketKey";
  if (columns.isLatest !== null) roles[columns.isLatest] = "isLatest";
  if (columns.isDeleteMarker !== null) roles[columns.isDeleteMarker] = "deleteMarker";
  const lastNeeded = roles.reduce((last, r, i) => (r === "ignore" ? last : i), 0);
  const parser = new RowParser(roles, lastNeeded, tally, file, limits.lineBytes);
  gzipped.on("data", (chunk: Buffer) => onCompressedBytes(chunk.length));
  const over = () => overLimit(file, "holds", limits.fileBytes, "CONSOLE_MAX_INVENTORY_FILE_MB, decompressed");
  try {
    for await (const chunk of gunzipBounded(gzipped, limits.fileBytes, over)) parser.push(chunk);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      "check_failed",
      `${file} is not a complete gzip file (${(err as Error).message}): the report is truncated or damaged. ` +
        "Audit an earlier report, or wait for S3's next one.",
    );
  }
  parser.end();
}

class RowParser {
  /** The row cut by chunk boundaries. */
  private readonly carry: LineCarry;
  private row = 0;
  private prefixBytes = Buffer.alloc(0);
  private group: PrefixGroup | null = null;

  constructor(
    private readonly roles: Field[],
    private readonly lastNeeded: number,
    private readonly tally: ReportTally,
    private readonly file: string,
    maxLineBytes: number,
  ) {
    const tooLong = (): never => {
      throw overLimit(`${this.file}, row ${this.row + 1},`, "has a line of", maxLineBytes, "CONSOLE_MAX_CSV_LINE_KB");
    };
    this.carry = new LineCarry(maxLineBytes, tooLong);
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.carry.bytes > 0) {
      // Only the row cut by the chunk boundary is joined; the chunk itself is parsed in place.
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) return this.carry.keep(chunk);
      this.carry.keep(chunk.subarray(0, nl));
      const row = this.carry.take();
      if (row.length) this.parseRow(row, 0, row.length);
      start = nl + 1;
    }
    for (let nl = chunk.indexOf(NEWLINE, start); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      this.carry.check(nl - start);
      if (nl > start) this.parseRow(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.carry.keep(chunk.subarray(start));
  }

  end(): void {
    // The last row may lack its newline; it is still a whole row once gzip said the file is complete.
    const row = this.carry.take();
    if (row.length) this.parseRow(row, 0, row.length);
  }

  private parseRow(buf: Buffer, start: number, end: number): void {
    this.row++;
    if (buf[end - 1] === 0x0d) end--;
    const { roles, lastNeeded } = this;
    let keyStart = 0;
    let keyEnd = 0;
    let size = 0;
    let encStart = 0;
    let encEnd = 0;
    let bkStart = 0;
    let bkEnd = 0;
    let skip = false;
    let i = start;
    for (let field = 0; field <= lastNeeded; field++) {
      if (i > end) this.fail(`has ${field} fields where its manifest's fileSchema names ${roles.length}`);
      let fs: number;
      let fe: number;
      if (buf[i] === QUOTE) {
        fs = i + 1;
        fe = buf.indexOf(QUOTE, fs);
        if (fe < 0 || fe > end) fe = end;
        i = fe + 1;
      } else {
        fs = i;
        fe = i;
        while (fe < end && buf[fe] !== COMMA) fe++;
        i = fe;
      }
      i++; // the comma
      switch (roles[field]) {
        case "key":
          keyStart = fs;
          keyEnd = fe;
          break;
        case "size":
          for (let d = fs; d < fe; d++) {
            const c = buf[d]! - 48;
            if (c < 0 || c > 9) this.fail(`has Size "${buf.toString("latin1", fs, fe).slice(0, 40)}", not a number`);
            size = size * 10 + c;
          }
          break;
        case "encryption":
          encStart = fs;
          encEnd = fe;
          break;
        case "bucketKey":
          bkStart = fs;
          bkEnd = fe;
          break;
        case "isLatest":
          if (fe - fs === 5) skip = true; // "false": a noncurrent version
          break;
        case "deleteMarker":
          if (fe - fs === 4) skip = true; // "true": a delete marker has no data and no encryption
          break;
      }
    }
    if (skip) return;
    const category = this.category(buf, encStart, encEnd, bkStart, bkEnd);
    const group = this.prefixGroup(buf, keyStart, keyEnd);
    group.counts[category]!++;
    group.bytes[category]! += size;
    this.tally.rows++;
  }

  /** Byte tests that tell S3's five EncryptionStatus values apart; anything else is checked in full. */
  private category(buf: Buffer, es: number, ee: number, bs: number, be: number): number {
    const len = ee - es;
    if (len === 7 && buf[es] === 0x53 && buf[es + 4] === 0x4b) {
      // "SSE-KMS": "ENABLED" is 7 bytes, "DISABLED" 8.
      return be - bs === 7 && buf[bs] === 0x45 ? categoryIndex.kmsWithBucketKey : categoryIndex.kmsWithoutBucketKey;
    }
    if (len === 6 && buf[es + 4] === 0x53) return categoryIndex.sseS3;
    return reportCategory(buf.toString("latin1", es, ee), buf.toString("latin1", bs, be), this.where());
  }

  private prefixGroup(buf: Buffer, ks: number, ke: number): PrefixGroup {
    let pe = ks;
    while (
      pe < ke &&
      buf[pe] !== SLASH &&
      !(buf[pe] === PERCENT && buf[pe + 1] === 0x32 && (buf[pe + 2]! | 0x20) === 0x66)
    )
      pe++;
    if (pe === ke) pe = ks; // no slash: the bucket's top level
    const len = pe - ks;
    const last = this.prefixBytes;
    if (this.group && last.length === len && buf.compare(last, 0, len, ks, pe) === 0) return this.group;
    this.prefixBytes = Buffer.from(buf.subarray(ks, pe));
    this.group = this.tally.group(decodeKey(buf.toString("utf8", ks, pe)));
    return this.group;
  }

  private where(): string {
    return `${this.file}, row ${this.row}`;
  }

  private fail(problem: string): never {
    throw new AppError(
      "check_failed",
      `${this.where()} ${problem}: the data file does not match its manifest's fileSchema. Audit an intact report.`,
    );
  }
}

/** Inventory CSV keys are form-encoded (space as "+"). */
function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, " "));
  } catch {
    return encoded;
  }
}
