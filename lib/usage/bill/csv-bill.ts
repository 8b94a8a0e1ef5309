import type { Readable } from "node:stream";
import { AppError } from "@/lib/contracts/errors";
import { gunzipBounded, LineCarry } from "@/lib/runtime/input-limits";
import { BillFold, billColumns, requireBillColumns, type BillField, type LineValues } from "./fold";
import { defaultBillLimits, overLimit, type BillLimits } from "./limits";

// One gzip CSV data file of a Data Export, streamed into a fold: memory holds one chunk and the
// row it cuts, never the file. CUR 2.0's CSV quotes fields that hold commas, quotes or newlines
// (its map columns such as `product` and `resource_tags` are JSON text), with "" for a quote
// (RFC 4180), so rows are split on newlines outside quotes only. The first row names the columns.
// The file's decompressed size and each row's length are capped (lib/usage/bill/limits.ts).

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CR = 0x0d;

export async function foldCsvBill(
  gzipped: Readable,
  name: string,
  limits: Pick<BillLimits, "fileBytes" | "lineBytes"> = defaultBillLimits,
): Promise<BillFold> {
  const rows = new CsvRows(name, limits.lineBytes);
  const over = () => overLimit(name, "holds", limits.fileBytes, "CONSOLE_MAX_BILL_FILE_MB, decompressed");
  try {
    for await (const chunk of gunzipBounded(gzipped, limits.fileBytes, over)) rows.push(chunk);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      "check_failed",
      `${name} is not a complete gzip file (${(err as Error).message}): the export file is truncated or damaged; ` +
        "nothing of it was stored. Read the bill again after Data Exports' next refresh.",
    );
  }
  rows.end();
  if (!rows.fold) throw new AppError("check_failed", `${name} is empty: it has no header row. Check the export.`);
  return rows.fold;
}

class CsvRows {
  fold: BillFold | null = null;
  /** The row cut by chunk boundaries, and whether it ends inside a quoted field. */
  private readonly carry: LineCarry;
  private quoted = false;
  private line = 0;
  /** Column index → field, for the columns the fold reads. */
  private roles: (BillField | null)[] = [];
  private lastNeeded = 0;

  constructor(
    private readonly name: string,
    maxLineBytes: number,
  ) {
    const tooLong = (): never => {
      throw overLimit(`${this.name}, line ${this.line + 1},`, "has a line of", maxLineBytes, "CONSOLE_MAX_CSV_LINE_KB");
    };
    this.carry = new LineCarry(maxLineBytes, tooLong);
  }

  /** Scans each byte once: the quote state carries over the chunk boundary with the cut row. */
  push(chunk: Buffer): void {
    let start = 0;
    let quoted = this.quoted;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === QUOTE) quoted = !quoted;
      else if (c === NEWLINE && !quoted) {
        if (this.carry.bytes > 0) {
          this.carry.keep(chunk.subarray(start, i));
          const row = this.carry.take();
          this.row(row, 0, row.length);
        } else if (i > start) {
          this.carry.check(i - start);
          this.row(chunk, start, i);
        }
        start = i + 1;
      }
    }
    if (start < chunk.length) this.carry.keep(chunk.subarray(start));
    this.quoted = quoted;
  }

  end(): void {
    if (this.carry.bytes > 0) {
      const row = this.carry.take();
      this.row(row, 0, row.length);
    }
  }

  private row(buf: Buffer, start: number, end: number): void {
    this.line++;
    if (buf[end - 1] === CR) end--;
    const fields = this.fields(buf, start, end, this.fold ? this.lastNeeded : Infinity);
    if (!this.fold) return this.header(fields);
    if (fields.length <= this.lastNeeded)
      throw new AppError(
        "check_failed",
        `${this.name}, line ${this.line} has ${fields.length} fields where its header has ${this.roles.length}: ` +
          "the file is damaged; nothing of it was stored.",
      );
    const v = {} as Record<BillField, unknown>;
    this.roles.forEach((role, i) => {
      if (role) v[role] = fields[i];
    });
    this.fold.add(v as LineValues, this.line);
  }

  private header(names: string[]): void {
    const fields = requireBillColumns(names, this.name);
    const byName = new Map<string, BillField>(
      Object.entries(billColumns).map(([f, n]): [string, BillField] => [n, f as BillField]),
    );
    this.roles = names.map((n) => byName.get(n) ?? null);
    this.lastNeeded = this.roles.reduce((last, r, i) => (r ? i : last), 0);
    this.fold = new BillFold(this.name, fields.has("lineItemType"));
  }

  /** The row's fields up to index `upTo`, unquoted. */
  private fields(buf: Buffer, start: number, end: number, upTo: number): string[] {
    const out: string[] = [];
    let i = start;
    while (i <= end && out.length <= upTo) {
      if (buf[i] === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, from);
          if (q < 0 || q >= end) {
            value += buf.toString("utf8", from, end);
            i = end + 1;
            break;
          }
          value += buf.toString("utf8", from, q);
          if (buf[q + 1] === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 2; // past the closing quote and its comma
          break;
        }
        out.push(value);
      } else {
        let e = buf.indexOf(COMMA, i);
        if (e < 0 || e > end) e = end;
        out.push(buf.toString("utf8", i, e));
        i = e + 1;
      }
    }
    return out;
  }
}
