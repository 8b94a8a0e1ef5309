// Folds a log file's records into what the store keeps: request counts per
// bucket × hour × operation × level × key, the set of principals per bucket-hour, the
// minutes in which each requester made object-level calls per key and kind (the refresh-window
// slots a Bucket Key would fetch in), and per key and region the requests in each minute
// (the request-rate peaks). Pure, so one file's aggregate can be committed in one
// transaction with its receipt.
import { parseCloudTrailRecord, type IgnoreReason, type UsageLevel } from "./cloudtrail-record";

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

type Cell = {
  rows: Map<string, AggregateRow & { perMinute: Uint32Array }>;
  principals: Set<string>;
  slots: Map<string, SlotRow>;
};

export function aggregateRecords(records: readonly unknown[]): FileAggregate {
  // bucket → hour → cell: nested maps keyed by the parsed strings and numbers avoid building a
  // composite string key per record for the common part.
  const byBucket = new Map<string, Map<number, Cell>>();
  const ignoredByReason: Partial<Record<IgnoreReason, number>> = {};
  let events = 0;
  let ignored = 0;
  for (const record of records) {
    const parsed = parseCloudTrailRecord(record);
    if (parsed.kind === "ignored") {
      ignored++;
      ignoredByReason[parsed.reason] = (ignoredByReason[parsed.reason] ?? 0) + 1;
      continue;
    }
    events++;
    const f = parsed.fact;
    let hours = byBucket.get(f.bucket);
    if (!hours) byBucket.set(f.bucket, (hours = new Map()));
    let cell = hours.get(f.hour);
    if (!cell) hours.set(f.hour, (cell = { rows: new Map(), principals: new Set(), slots: new Map() }));
    const rowKey = f.level === "object" ? `o${f.operation} ${f.keyArn}` : `b${f.operation} ${f.keyArn}`;
    let row = cell.rows.get(rowKey);
    if (!row) {
      row = { ...f, requests: 0, perMinute: new Uint32Array(60) };
      cell.rows.set(rowKey, row);
    }
    row.requests++;
    row.perMinute[f.minute]!++;
    cell.principals.add(f.principal);
    if (f.level === "object") {
      const kind: CallKind = f.operation === "Decrypt" ? "decrypt" : "encrypt";
      const slotKey = `${kind} ${f.keyArn} ${f.principal}`;
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
  }
  const rows: AggregateRow[] = [];
  const principals: FileAggregate["principals"] = [];
  const slots: SlotRow[] = [];
  const minutes: MinuteRow[] = [];
  for (const [bucket, hours] of byBucket) {
    for (const [hour, cell] of hours) {
      const byKey = new Map<string, MinuteRow>();
      for (const { perMinute, ...row } of cell.rows.values()) {
        rows.push({
          bucket,
          hour,
          operation: row.operation,
          level: row.level,
          keyArn: row.keyArn,
          region: row.region,
          requests: row.requests,
        });
        let m = byKey.get(row.keyArn);
        if (!m) {
          m = {
            bucket,
            hour,
            keyArn: row.keyArn,
            region: row.region,
            objectPerMinute: new Uint32Array(60),
            bucketPerMinute: new Uint32Array(60),
          };
          byKey.set(row.keyArn, m);
          minutes.push(m);
        }
        const into = row.level === "object" ? m.objectPerMinute : m.bucketPerMinute;
        for (let i = 0; i < 60; i++) into[i]! += perMinute[i]!;
      }
      for (const principal of cell.principals) principals.push({ bucket, hour, principal });
      slots.push(...cell.slots.values());
    }
  }
  return { rows, principals, slots, minutes, events, ignored, ignoredByReason };
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
