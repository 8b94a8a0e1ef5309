// Folds a log file's records into what the store keeps: request counts per
// bucket × hour × operation × level × key, and the set of principals per bucket-hour.
// Pure, so one file's aggregate can be committed in one transaction with its receipt.
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

export type FileAggregate = {
  rows: AggregateRow[];
  /** Distinct (bucket, hour, principal) triples. */
  principals: { bucket: string; hour: number; principal: string }[];
  events: number;
  ignored: number;
  ignoredByReason: Partial<Record<IgnoreReason, number>>;
};

export function aggregateRecords(records: readonly unknown[]): FileAggregate {
  // bucket → hour → { row per operation/level/key, principals }: nested maps keyed by the
  // parsed strings and numbers avoid building a composite string key per record.
  const byBucket = new Map<string, Map<number, { rows: Map<string, AggregateRow>; principals: Set<string> }>>();
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
    if (!cell) hours.set(f.hour, (cell = { rows: new Map(), principals: new Set() }));
    const rowKey = f.level === "object" ? `o${f.operation} ${f.keyArn}` : `b${f.operation} ${f.keyArn}`;
    const row = cell.rows.get(rowKey);
    if (row) row.requests++;
    else
      cell.rows.set(rowKey, {
        bucket: f.bucket,
        hour: f.hour,
        operation: f.operation,
        level: f.level,
        keyArn: f.keyArn,
        region: f.region,
        requests: 1,
      });
    cell.principals.add(f.principal);
  }
  const rows: AggregateRow[] = [];
  const principals: FileAggregate["principals"] = [];
  for (const [bucket, hours] of byBucket) {
    for (const [hour, cell] of hours) {
      rows.push(...cell.rows.values());
      for (const principal of cell.principals) principals.push({ bucket, hour, principal });
    }
  }
  return { rows, principals, events, ignored, ignoredByReason };
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
