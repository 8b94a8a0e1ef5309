import "server-only";
import { database, migrate, openDb, type Db } from "@/lib/runtime/db";
import { costUnitsPerUsd } from "@/lib/cost/bill-line";
import type { BillFold } from "@/lib/usage/bill/fold";
import { accountClause, type AccountFilter } from "./queries";

// The bill store: a Data Export's KMS request figures per account, region, key, day, kind and
// operation, kept per data file. Data Exports rewrites a month's files as the month's bill is
// revised, so a file read again (new ETag) replaces what it gave before, in one transaction with
// its receipt: a crash leaves the old figures or the new, a rerun with the same ETags reads
// nothing, and nothing is counted twice.

const migrations = [
  `CREATE TABLE bill_daily (
     file TEXT NOT NULL,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     key_arn TEXT NOT NULL,
     day TEXT NOT NULL,
     request_class TEXT NOT NULL,
     operation TEXT NOT NULL,
     requests INTEGER NOT NULL,
     cost_units INTEGER NOT NULL,
     PRIMARY KEY (file, account, region, key_arn, day, request_class, operation)
   ) WITHOUT ROWID;
   CREATE INDEX bill_daily_key_day ON bill_daily(key_arn, day);
   CREATE INDEX bill_daily_day ON bill_daily(day);
   CREATE TABLE bill_unclassified (
     file TEXT NOT NULL,
     usage_type TEXT NOT NULL,
     operation TEXT NOT NULL,
     line_item_type TEXT NOT NULL,
     reason TEXT NOT NULL,
     lines INTEGER NOT NULL,
     usage REAL NOT NULL,
     cost_units INTEGER NOT NULL,
     PRIMARY KEY (file, usage_type, operation, line_item_type, reason)
   ) WITHOUT ROWID;
   CREATE TABLE bill_files (
     key TEXT PRIMARY KEY,
     etag TEXT NOT NULL,
     period TEXT NOT NULL,
     lines INTEGER NOT NULL,
     kms_lines INTEGER NOT NULL,
     key_storage_lines INTEGER NOT NULL,
     read_at TEXT NOT NULL
   );
   CREATE TABLE bill_errors (key TEXT PRIMARY KEY, period TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);`,
];

export function billDb(): Db {
  const d = openDb();
  migrate(d, "bill", migrations);
  return d;
}

export type BillReceipt = { key: string; etag: string; period: string };

/** Replaces what the file gave before (if anything) with its new fold, and records its receipt. */
export function commitBillFile(receipt: BillReceipt, fold: BillFold): void {
  const d = billDb();
  const addRow = d.prepare(
    `INSERT INTO bill_daily (file, account, region, key_arn, day, request_class, operation, requests, cost_units)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addUnclassified = d.prepare(
    `INSERT INTO bill_unclassified (file, usage_type, operation, line_item_type, reason, lines, usage, cost_units)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  d.transaction(() => {
    forget(d, receipt.key);
    for (const r of fold.rows.values())
      addRow.run(
        receipt.key,
        r.account,
        r.region,
        r.keyArn,
        r.day,
        r.requestClass,
        r.operation,
        r.requests,
        r.costUnits,
      );
    for (const u of fold.unclassified.values())
      addUnclassified.run(
        receipt.key,
        u.usageType,
        u.operation,
        u.lineItemType,
        u.reason,
        u.lines,
        u.usage,
        u.costUnits,
      );
    d.prepare(
      `INSERT INTO bill_files (key, etag, period, lines, kms_lines, key_storage_lines, read_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(receipt.key, receipt.etag, receipt.period, fold.lines, fold.kmsLines, fold.keyStorageLines, now());
    d.prepare("DELETE FROM bill_errors WHERE key = ?").run(receipt.key);
  })();
  database.usageWrites++;
}

function forget(d: Db, key: string): void {
  d.prepare("DELETE FROM bill_daily WHERE file = ?").run(key);
  d.prepare("DELETE FROM bill_unclassified WHERE file = ?").run(key);
  d.prepare("DELETE FROM bill_files WHERE key = ?").run(key);
}

/** Drops the files of a month that its newest manifest no longer names (an earlier delivery's parts). */
export function dropStaleFiles(period: string, current: readonly string[]): number {
  const d = billDb();
  const keep = new Set(current);
  const stale = (d.prepare("SELECT key FROM bill_files WHERE period = ?").all(period) as { key: string }[]).filter(
    (r) => !keep.has(r.key),
  );
  if (stale.length === 0) return 0;
  d.transaction(() => stale.forEach((r) => forget(d, r.key)))();
  database.usageWrites++;
  return stale.length;
}

const now = () => new Date().toISOString();

export function recordBillError(key: string, period: string, reason: string): void {
  billDb()
    .prepare(
      `INSERT INTO bill_errors (key, period, reason, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET period = excluded.period, reason = excluded.reason, at = excluded.at`,
    )
    .run(key, period, reason, now());
}

export function clearBillErrors(period: string): void {
  billDb().prepare("DELETE FROM bill_errors WHERE period = ?").run(period);
}

export const billReceipts = (): Map<string, string> =>
  new Map(
    (billDb().prepare("SELECT key, etag FROM bill_files").all() as { key: string; etag: string }[]).map((r) => [
      r.key,
      r.etag,
    ]),
  );

export const billErrors = (): { file: string; period: string; reason: string }[] =>
  billDb().prepare("SELECT key AS file, period, reason FROM bill_errors ORDER BY period, key").all() as {
    file: string;
    period: string;
    reason: string;
  }[];

export function billPeriods(): { period: string; files: number; lines: number; kmsLines: number; readAt: string }[] {
  return billDb()
    .prepare(
      `SELECT period, COUNT(*) AS files, SUM(lines) AS lines, SUM(kms_lines) AS kmsLines, MAX(read_at) AS readAt
       FROM bill_files GROUP BY period ORDER BY period`,
    )
    .all() as { period: string; files: number; lines: number; kmsLines: number; readAt: string }[];
}

export function unclassifiedLines(): {
  usageType: string;
  operation: string;
  lineItemType: string;
  reason: string;
  lines: number;
  costUsd: number;
}[] {
  const rows = billDb()
    .prepare(
      `SELECT usage_type AS usageType, operation, line_item_type AS lineItemType, reason,
              SUM(lines) AS lines, SUM(cost_units) AS costUnits
       FROM bill_unclassified GROUP BY usage_type, operation, line_item_type, reason ORDER BY costUnits DESC`,
    )
    .all() as {
    usageType: string;
    operation: string;
    lineItemType: string;
    reason: string;
    lines: number;
    costUnits: number;
  }[];
  return rows.map(({ costUnits, ...r }) => ({ ...r, costUsd: costUnits / costUnitsPerUsd }));
}

export type BillKeyDay = {
  keyArn: string;
  account: string;
  region: string;
  day: string;
  requests: number;
  costUnits: number;
  otherRequests: number;
};

/** Per key and day within [fromDay, toDay]: symmetric requests and cost, and the key's other request kinds. */
export function billKeyDays(fromDay: string, toDay: string, accounts: AccountFilter, keyArn?: string): BillKeyDay[] {
  const scope = accountClause(accounts);
  const only = keyArn === undefined ? "" : " AND key_arn = ?";
  return billDb()
    .prepare(
      `SELECT key_arn AS keyArn, account, region, day,
              SUM(CASE WHEN request_class = 'symmetric' THEN requests ELSE 0 END) AS requests,
              SUM(CASE WHEN request_class = 'symmetric' THEN cost_units ELSE 0 END) AS costUnits,
              SUM(CASE WHEN request_class = 'symmetric' THEN 0 ELSE requests END) AS otherRequests
       FROM bill_daily WHERE day >= ? AND day <= ?${scope.sql}${only}
       GROUP BY key_arn, account, region, day ORDER BY key_arn, day`,
    )
    .all(fromDay, toDay, ...scope.args, ...(keyArn === undefined ? [] : [keyArn])) as BillKeyDay[];
}

/** The first and last billed day, or null before any bill is read. */
export function billSpan(accounts: AccountFilter): { firstDay: string; lastDay: string } | null {
  const scope = accountClause(accounts);
  const row = billDb()
    .prepare(`SELECT MIN(day) AS firstDay, MAX(day) AS lastDay FROM bill_daily WHERE 1 = 1${scope.sql}`)
    .get(...scope.args) as { firstDay: string | null; lastDay: string | null };
  return row.firstDay && row.lastDay ? { firstDay: row.firstDay, lastDay: row.lastDay } : null;
}
