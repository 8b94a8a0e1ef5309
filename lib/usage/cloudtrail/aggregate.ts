// Folds log files' records into what the store keeps: request counts per
// bucket × hour × operation × level × key, the set of principals per bucket-hour, the
// minutes in which each requester made object-level calls per key and kind (the refresh-window
// slots a Bucket Key would fetch in), and per key and region the requests in each minute
// (the request-rate peaks). Pure, so a batch of files folded into one aggregate can be
// committed in one transaction with their receipts.
import { parseCloudTrailRecord, type IgnoreReason, type ParsedRecord, type UsageLevel } from "./record";

type AggregateRow = {
  bucket: string;
  hour: number;
  operation: string;
  level: UsageLevel;
  keyArn: string;
  region: string;
  requests: number;
};

/** Encrypt-side (GenerateDataKey*, Encrypt, ReEncrypt) or decrypt-side calls: a Bucket Key fetches each kind. */
export type CallKind = "encrypt" | "decrypt";

/**
 * One requester's object-level calls with one key and kind in a bucket-hour, as the minutes they
 * fell in: bit m of minutesLow is minute m (0–29), of minutesHigh minute 30 + m. Two 30-bit
 * halves because JavaScript's bitwise operators work on 32-bit integers.
 */
export type SlotRow = {
  bucket: string;
  hour: number;
  session: string;
  role: string;
  keyArn: string;
  region: string;
  kind: CallKind;
  minutesLow: number;
  minutesHigh: number;
};

/** S3's KMS calls with one key in one bucket-hour, per minute (index 0–59): the request-rate peaks. */
export type MinuteRow = {
  bucket: string;
  hour: number;
  keyArn: string;
  region: string;
  objectPerMinute: Uint32Array;
  bucketPerMinute: Uint32Array;
};

export type FileAggregate = {
  rows: AggregateRow[];
  /** Distinct (bucket, hour, principal) triples. */
  principals: { bucket: string; hour: number; principal: string }[];
  slots: SlotRow[];
  minutes: MinuteRow[];
  events: number;
  ignored: number;
  ignoredByReason: Partial<Record<IgnoreReason, number>>;
};

type Row = AggregateRow & { perMinute: Uint32Array };

/** A bucket-hour's tallies, keyed by numbers (see Ids) rather than strings built per record. */
type Cell = {
  bucket: string;
  hour: number;
  rows: Map<number, Row>;
  principals: Map<number, string>;
  slots: Map<number, SlotRow>;
};

// Composite keys as numbers: KMS keys and operations are numbered below 2^20 (a batch names a
// handful), requesters without a bound, so every key is an exact double far below 2^53.
const part = 2 ** 20;

/** A small number per distinct string, in the order first seen. */
export class Ids {
  private readonly ids = new Map<string, number>();
  /** The strings by id. */
  readonly values: string[] = [];
  constructor(private readonly limit = Number.MAX_SAFE_INTEGER) {}
  of(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      if (id >= this.limit) throw new Error(`more than ${this.limit} distinct values in one batch`);
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/** Folds parsed records, one at a time, into a FileAggregate. */
export class UsageFold {
  private readonly cells = new Map<string, Map<number, Cell>>();
  private readonly keyIds = new Ids(part);
  private readonly operationIds = new Ids(part);
  private readonly requesterIds = new Ids();
  private readonly ignoredByReason: Partial<Record<IgnoreReason, number>> = {};
  private events = 0;
  private ignored = 0;

  private cellOf(bucket: string, hour: number): Cell {
    let hours = this.cells.get(bucket);
    if (!hours) this.cells.set(bucket, (hours = new Map()));
    let cell = hours.get(hour);
    if (!cell) hours.set(hour, (cell = { bucket, hour, rows: new Map(), principals: new Map(), slots: new Map() }));
    return cell;
  }

  /** `calls`: how many KMS calls the record stands for (1, but for the demo's records: record.ts's demoCallsOf). */
  add(parsed: ParsedRecord, calls = 1): void {
    if (parsed.kind === "ignored") {
      this.ignored++;
      this.ignoredByReason[parsed.reason] = (this.ignoredByReason[parsed.reason] ?? 0) + 1;
      return;
    }
    this.events += calls;
    const f = parsed.fact;
    const cell = this.cellOf(f.bucket, f.hour);
    const keyId = this.keyIds.of(f.keyArn);
    const rowKey = (this.operationIds.of(f.operation) * 2 + (f.level === "object" ? 1 : 0)) * part + keyId;
    let row = cell.rows.get(rowKey);
    if (!row) {
      row = { ...f, requests: 0, perMinute: new Uint32Array(60) };
      cell.rows.set(rowKey, row);
    }
    row.requests += calls;
    row.perMinute[f.minute]! += calls;
    const principalId = this.requesterIds.of(f.principal);
    cell.principals.set(principalId, f.principal);
    if (f.level !== "object") return;
    const kind: CallKind = f.operation === "Decrypt" ? "decrypt" : "encrypt";
    const slotKey = (principalId * part + keyId) * 2 + (kind === "decrypt" ? 1 : 0);
    let slot = cell.slots.get(slotKey);
    if (!slot) {
      slot = {
        bucket: f.bucket,
        hour: f.hour,
        session: f.principal,
        role: f.role,
        keyArn: f.keyArn,
        region: f.region,
        kind,
        minutesLow: 0,
        minutesHigh: 0,
      };
      cell.slots.set(slotKey, slot);
    }
    if (f.minute < 30) slot.minutesLow |= 1 << f.minute;
    else slot.minutesHigh |= 1 << (f.minute - 30);
  }

  /** What was folded so far: KMS calls counted (a demo record's as many as it stands for), and records ignored. */
  counts(): { events: number; ignored: number } {
    return { events: this.events, ignored: this.ignored };
  }

  result(): FileAggregate {
    const rows: AggregateRow[] = [];
    const principals: FileAggregate["principals"] = [];
    const slots: SlotRow[] = [];
    const minutes: MinuteRow[] = [];
    for (const hours of this.cells.values()) {
      for (const { bucket, hour, ...cell } of hours.values()) {
        const byKey = new Map<string, MinuteRow>();
        for (const { perMinute, ...row } of cell.rows.values()) {
          const { operation, level, keyArn, region, requests } = row;
          rows.push({ bucket, hour, operation, level, keyArn, region, requests });
          let m = byKey.get(keyArn);
          if (!m) {
            m = {
              bucket,
              hour,
              keyArn,
              region,
              objectPerMinute: new Uint32Array(60),
              bucketPerMinute: new Uint32Array(60),
            };
            byKey.set(keyArn, m);
            minutes.push(m);
          }
          const into = level === "object" ? m.objectPerMinute : m.bucketPerMinute;
          for (let i = 0; i < 60; i++) into[i]! += perMinute[i]!;
        }
        for (const principal of cell.principals.values()) principals.push({ bucket, hour, principal });
        slots.push(...cell.slots.values());
      }
    }
    const { events, ignored, ignoredByReason } = this;
    return { rows, principals, slots, minutes, events, ignored, ignoredByReason };
  }
}

export function aggregateRecords(records: readonly unknown[]): FileAggregate {
  const fold = new UsageFold();
  for (const record of records) fold.add(parseCloudTrailRecord(record));
  return fold.result();
}

export class MalformedLogFile extends Error {}

/** A CloudTrail log file's body: {"Records": [...]}. Throws MalformedLogFile with a reason a person can act on. */
export function parseLogFileBody(text: string): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new MalformedLogFile(
      `not valid JSON (${err instanceof Error ? err.message : "parse error"}); the file may be truncated`,
    );
  }
  const records = (body as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) throw new MalformedLogFile('no "Records" array: not a CloudTrail log file');
  return records;
}
