import "server-only";
import { migrate, openDb, type Db } from "@/lib/server/db";
import type { FileAggregate } from "@/lib/usage/cloudtrail/aggregate";
import { database } from "@/lib/server/process-state";

// The usage store: hourly aggregates and, per bucket-hour, the distinct principals (kept
// as rows, not counts, so a principal seen in two files of the same hour counts once).
// Each file's aggregates and its receipt in ingested_files commit in one transaction:
// a crash before COMMIT leaves neither, a rerun skips what has a receipt, so totals are
// exact after any interruption.

const migrations = [
  `CREATE TABLE usage_hourly (
     bucket TEXT NOT NULL,
     hour INTEGER NOT NULL,
     operation TEXT NOT NULL,
     level TEXT NOT NULL CHECK (level IN ('object', 'bucket')),
     key_arn TEXT NOT NULL,
     region TEXT NOT NULL,
     requests INTEGER NOT NULL,
     PRIMARY KEY (bucket, hour, operation, level, key_arn)
   ) WITHOUT ROWID;
   CREATE INDEX usage_hourly_hour ON usage_hourly(hour);
   CREATE TABLE usage_principal_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
   CREATE TABLE usage_principals (
     bucket TEXT NOT NULL,
     hour INTEGER NOT NULL,
     principal_id INTEGER NOT NULL REFERENCES usage_principal_names(id),
     PRIMARY KEY (bucket, hour, principal_id)
   ) WITHOUT ROWID;
   CREATE TABLE usage_ingested_files (
     key TEXT PRIMARY KEY,
     etag TEXT NOT NULL,
     source TEXT NOT NULL,
     events INTEGER NOT NULL,
     ignored INTEGER NOT NULL,
     ingested_at TEXT NOT NULL
   );
   CREATE TABLE usage_ingest_errors (key TEXT PRIMARY KEY, etag TEXT, reason TEXT NOT NULL, at TEXT NOT NULL);
   CREATE TABLE usage_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Multi-account: whose trail or event history the row came from. '' marks rows recorded
  // before, all from the console's own account (see accountFilter). Bucket names are unique
  // across accounts, so the key stays as it is.
  `ALTER TABLE usage_hourly ADD COLUMN account TEXT NOT NULL DEFAULT '';
   CREATE INDEX usage_hourly_account ON usage_hourly(account, hour);`,
];

export function usageDb(): Db {
  const d = openDb();
  migrate(d, "usage", migrations);
  return d;
}

/** `account`: the account whose trail or event history the file came from. */
type FileReceipt = { key: string; etag: string; source: string; account: string };

/** Which accounts a read covers: undefined for all, else ids ('' = rows from before accounts were recorded). */
export type AccountFilter = readonly string[] | undefined;

function accountClause(accounts: AccountFilter, column = "account"): { sql: string; args: string[] } {
  if (!accounts) return { sql: "", args: [] };
  return { sql: ` AND ${column} IN (${accounts.map(() => "?").join(", ")})`, args: [...accounts] };
}

type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Db, Statements>();

function prepare(d: Db) {
  return {
    addRow: d.prepare(
      `INSERT INTO usage_hourly (bucket, hour, operation, level, key_arn, region, requests, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (bucket, hour, operation, level, key_arn) DO UPDATE SET requests = requests + excluded.requests, account = excluded.account`,
    ),
    addName: d.prepare("INSERT OR IGNORE INTO usage_principal_names (name) VALUES (?)"),
    addPrincipal: d.prepare(
      "INSERT OR IGNORE INTO usage_principals (bucket, hour, principal_id) SELECT ?, ?, id FROM usage_principal_names WHERE name = ?",
    ),
    receipt: d.prepare(
      `INSERT INTO usage_ingested_files (key, etag, source, events, ignored, ingested_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, events = excluded.events, ignored = excluded.ignored, ingested_at = excluded.ingested_at`,
    ),
    clearError: d.prepare("DELETE FROM usage_ingest_errors WHERE key = ?"),
    error: d.prepare(
      "INSERT INTO usage_ingest_errors (key, etag, reason, at) VALUES (?, ?, ?, ?) ON CONFLICT " +
        "(key) DO UPDATE SET etag = excluded.etag, reason = excluded.reason, at = excluded.at",
    ),
  };
}

function statements(d: Db): Statements {
  let s = prepared.get(d);
  if (!s) {
    s = prepare(d);
    prepared.set(d, s);
  }
  return s;
}

/**
 * Changes whenever the store does: SQLite's data_version counts other connections' commits
 * (e.g. an ingest in another process), database.usageWrites this connection's.
 */
export function storeGeneration(): string {
  return `${usageDb().pragma("data_version", { simple: true })}.${database.usageWrites}`;
}

/** Adds several files' aggregates, each with its receipt, in one transaction (batched for speed; still all-or-nothing). */
export function commitFiles(files: readonly { receipt: FileReceipt; aggregate: FileAggregate }[]): void {
  const d = usageDb();
  const s = statements(d);
  const now = new Date().toISOString();
  d.transaction(() => {
    for (const { receipt, aggregate } of files) {
      for (const r of aggregate.rows)
        s.addRow.run(r.bucket, r.hour, r.operation, r.level, r.keyArn, r.region, r.requests, receipt.account);
      for (const p of aggregate.principals) {
        s.addName.run(p.principal);
        s.addPrincipal.run(p.bucket, p.hour, p.principal);
      }
      s.receipt.run(receipt.key, receipt.etag, receipt.source, aggregate.events, aggregate.ignored, now);
      s.clearError.run(receipt.key);
    }
  })();
  database.usageWrites++;
}

export function recordIngestError(key: string, etag: string | null, reason: string): void {
  statements(usageDb()).error.run(key, etag, reason, new Date().toISOString());
}

/** key → ETag of every file already ingested. */
export function ingestedFiles(): Map<string, string> {
  const rows = usageDb().prepare("SELECT key, etag FROM usage_ingested_files").all() as { key: string; etag: string }[];
  return new Map(rows.map((r) => [r.key, r.etag]));
}

export function ingestErrors(): { file: string; reason: string }[] {
  return (
    usageDb().prepare("SELECT key, reason FROM usage_ingest_errors ORDER BY key").all() as {
      key: string;
      reason: string;
    }[]
  ).map((r) => ({ file: r.key, reason: r.reason }));
}

/** The first and last hour with data, or null when nothing has been ingested. */
export function dataSpan(accounts?: AccountFilter): { firstHour: number; lastHour: number } | null {
  const only = accountClause(accounts);
  const row = usageDb()
    .prepare(`SELECT MIN(hour) AS first, MAX(hour) AS last FROM usage_hourly WHERE 1 = 1${only.sql}`)
    .get(...only.args) as { first: number | null; last: number | null };
  return row.first === null || row.last === null ? null : { firstHour: row.first, lastHour: row.last };
}

type HourlyRow = {
  hour: number;
  operation: string;
  level: "object" | "bucket";
  region: string;
  requests: number;
};

/** Requests per hour, operation, level and region, for one bucket or (bucket omitted) the account. */
export function hourlyUsage(range: {
  bucket?: string;
  fromHour: number;
  toHour: number;
  accounts?: AccountFilter;
}): HourlyRow[] {
  const d = usageDb();
  const where = range.bucket === undefined ? "hour >= ? AND hour < ?" : "bucket = ? AND hour >= ? AND hour < ?";
  const args =
    range.bucket === undefined ? [range.fromHour, range.toHour] : [range.bucket, range.fromHour, range.toHour];
  const only = accountClause(range.accounts);
  return d
    .prepare(
      `SELECT hour, operation, level, region, SUM(requests) AS requests FROM usage_hourly ` +
        `WHERE ${where}${only.sql} GROUP BY hour, operation, level, region ORDER BY hour`,
    )
    .all(...args, ...only.args) as HourlyRow[];
}

/** Distinct principals per period of `hoursPerPeriod` hours (1 = hourly, 24 = daily) for one bucket. */
export function principalsPerPeriod(
  bucket: string,
  fromHour: number,
  toHour: number,
  hoursPerPeriod: number,
): Map<number, number> {
  const rows = usageDb()
    .prepare(
      `SELECT (hour / ?) * ? AS period, COUNT(DISTINCT principal_id) AS n FROM usage_principals
       WHERE bucket = ? AND hour >= ? AND hour < ? GROUP BY period`,
    )
    .all(hoursPerPeriod, hoursPerPeriod, bucket, fromHour, toHour) as { period: number; n: number }[];
  return new Map(rows.map((r) => [r.period, r.n]));
}

type BucketHourRow = {
  bucket: string;
  account: string;
  hour: number;
  region: string;
  objectRequests: number;
  bucketRequests: number;
  keys: number;
  kinds: number;
  principals: number;
};

/** Per bucket and hour: the inputs of the savings model. */
export function bucketHours(
  fromHour: number,
  toHour: number,
  bucket?: string,
  accounts?: AccountFilter,
): BucketHourRow[] {
  const only = bucket === undefined ? "" : "AND u.bucket = ?";
  const inAccounts = accountClause(accounts, "u.account");
  return usageDb()
    .prepare(
      `SELECT u.bucket, MAX(u.account) AS account, u.hour, MAX(u.region) AS region,
              SUM(CASE WHEN u.level = 'object' THEN u.requests ELSE 0 END) AS objectRequests,
              SUM(CASE WHEN u.level = 'bucket' THEN u.requests ELSE 0 END) AS bucketRequests,
              COUNT(DISTINCT u.key_arn) AS keys,
              COUNT(DISTINCT CASE WHEN u.operation = 'Decrypt' THEN 'decrypt' ELSE 'encrypt' END) AS kinds,
              (SELECT COUNT(*) FROM usage_principals p WHERE p.bucket = u.bucket AND p.hour = u.hour) AS principals
       FROM usage_hourly u WHERE u.hour >= ? AND u.hour < ? ${only}${inAccounts.sql}
       GROUP BY u.bucket, u.hour ORDER BY u.bucket, u.hour`,
    )
    .all(
      ...(bucket === undefined ? [fromHour, toHour] : [fromHour, toHour, bucket]),
      ...inAccounts.args,
    ) as BucketHourRow[];
}

export function readSetting(name: string): string | undefined {
  return (
    usageDb().prepare("SELECT value FROM usage_settings WHERE name = ?").get(name) as { value: string } | undefined
  )?.value;
}

export function writeSetting(name: string, value: string): void {
  usageDb()
    .prepare(
      "INSERT INTO usage_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .run(name, value);
  database.usageWrites++;
}

/**
 * Replaces every row of the given accounts in hours [fromHour, toHour) with `aggregate`, written as `account`'s,
 * in one transaction: a source that recomputes a whole window (Athena) can run again without counting twice.
 * Principals are kept per bucket-hour, and bucket names are unique across accounts, so the buckets those
 * accounts had in the window name the principal rows to drop.
 */
export function replaceHours(
  window: { fromHour: number; toHour: number; accounts: readonly string[]; account: string },
  aggregate: Pick<FileAggregate, "rows" | "principals">,
): void {
  const d = usageDb();
  const s = statements(d);
  const inAccounts = `account IN (${window.accounts.map(() => "?").join(", ")})`;
  const range = [window.fromHour, window.toHour];
  d.transaction(() => {
    d.prepare(
      `DELETE FROM usage_principals WHERE hour >= ? AND hour < ?
       AND bucket IN (SELECT DISTINCT bucket FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts})`,
    ).run(...range, ...range, ...window.accounts);
    d.prepare(`DELETE FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts}`).run(
      ...range,
      ...window.accounts,
    );
    for (const r of aggregate.rows)
      s.addRow.run(r.bucket, r.hour, r.operation, r.level, r.keyArn, r.region, r.requests, window.account);
    for (const p of aggregate.principals) {
      s.addName.run(p.principal);
      s.addPrincipal.run(p.bucket, p.hour, p.principal);
    }
  })();
  database.usageWrites++;
}
