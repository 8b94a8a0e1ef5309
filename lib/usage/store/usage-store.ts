import "server-only";
import { migrate, openDb, type Db } from "@/lib/runtime/db";
import type { FileAggregate, SlotRow } from "@/lib/usage/cloudtrail/aggregate";
import { decodeRequesters, encodeRequesters, mergeRequesters } from "./slot-blob";
import { database } from "@/lib/runtime/db";

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
  // Refresh-window slots and per-minute peaks (issue 14). Hours ingested before this have no
  // slot rows: the savings model falls back to its hourly estimate there, and says so.
  // Sessions and roles share usage_principal_names.
  // One row per bucket-hour, key and kind; its requesters packed in one blob (slot-blob.ts), so a
  // file writes a few hundred rows rather than one per requester (the commit was ingestion's cost).
  `CREATE TABLE usage_slot_sets (
     bucket TEXT NOT NULL,
     hour INTEGER NOT NULL,
     key_arn TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('encrypt', 'decrypt')),
     region TEXT NOT NULL,
     requesters BLOB NOT NULL,
     PRIMARY KEY (bucket, hour, key_arn, kind)
   ) WITHOUT ROWID;
   CREATE INDEX usage_slot_sets_hour ON usage_slot_sets(hour);
   -- Requests per minute of a bucket-hour and key, object- and bucket-level: 60 little-endian
   -- uint32 counts each, added up in JavaScript when a second file covers the same hour.
   CREATE TABLE usage_minutes (
     bucket TEXT NOT NULL,
     hour INTEGER NOT NULL,
     key_arn TEXT NOT NULL,
     region TEXT NOT NULL,
     object_minutes BLOB NOT NULL,
     bucket_minutes BLOB NOT NULL,
     account TEXT NOT NULL,
     PRIMARY KEY (bucket, hour, key_arn)
   ) WITHOUT ROWID;
   CREATE INDEX usage_minutes_hour ON usage_minutes(hour);`,
];

export function usageDb(): Db {
  const d = openDb();
  migrate(d, "usage", migrations);
  return d;
}

/** `account`: the account whose trail or event history the file came from. */
export type FileReceipt = { key: string; etag: string; source: string; account: string };

/** Which accounts a read covers: undefined for all, else ids ('' = rows from before accounts were recorded). */
export type AccountFilter = readonly string[] | undefined;

export function accountClause(accounts: AccountFilter, column = "account"): { sql: string; args: string[] } {
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
    nameId: d.prepare(
      "INSERT INTO usage_principal_names (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
    ),
    addPrincipal: d.prepare("INSERT OR IGNORE INTO usage_principals (bucket, hour, principal_id) VALUES (?, ?, ?)"),
    slotSetOf: d.prepare(
      "SELECT requesters FROM usage_slot_sets WHERE bucket = ? AND hour = ? AND key_arn = ? AND kind = ?",
    ),
    putSlotSet: d.prepare(
      `INSERT OR REPLACE INTO usage_slot_sets (bucket, hour, key_arn, kind, region, requesters) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    minutesOf: d.prepare(
      "SELECT object_minutes AS o, bucket_minutes AS b FROM usage_minutes WHERE bucket = ? AND hour = ? AND key_arn = ?",
    ),
    putMinutes: d.prepare(
      `INSERT OR REPLACE INTO usage_minutes (bucket, hour, key_arn, region, object_minutes, bucket_minutes, account)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
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

/** Principals, slots and per-minute counts: the parts of an aggregate beyond its hourly rows. */
// Athena's SQL returns hourly rows and principals only: its hours have no slots (the savings model
// uses its labelled hourly estimate there) and no per-minute peaks.
type AggregateDetail = Pick<FileAggregate, "principals"> & Partial<Pick<FileAggregate, "slots" | "minutes">>;

// Principal name → id, so a commit writes ids without looking each name up (a file names the same
// few requesters thousands of times). Dropped whenever a transaction fails: an id inserted by a
// rolled-back transaction does not exist.
const nameIds = new WeakMap<Db, Map<string, number>>();

function nameIdOf(d: Db, s: Statements, name: string): number {
  let ids = nameIds.get(d);
  if (!ids) nameIds.set(d, (ids = new Map()));
  let id = ids.get(name);
  if (id === undefined) {
    id = (s.nameId.get(name) as { id: number }).id;
    ids.set(name, id);
  }
  return id;
}

/** Runs a write transaction; a failure forgets the cached name ids along with the rolled-back rows. */
function writeTransaction(d: Db, body: () => void): void {
  try {
    d.transaction(body)();
  } catch (err) {
    nameIds.delete(d);
    throw err;
  }
}

function addAggregateDetail(d: Db, s: Statements, aggregate: AggregateDetail, account: string): void {
  for (const p of aggregate.principals) s.addPrincipal.run(p.bucket, p.hour, nameIdOf(d, s, p.principal));
  for (const set of groupSlots(aggregate.slots ?? [])) {
    const requesters = set.rows.map((r) => ({
      session: nameIdOf(d, s, r.session),
      role: nameIdOf(d, s, r.role),
      minutesLow: r.minutesLow,
      minutesHigh: r.minutesHigh,
    }));
    const stored = s.slotSetOf.get(set.bucket, set.hour, set.keyArn, set.kind) as { requesters: Buffer } | undefined;
    // A requester's minutes in two files of the same hour are OR-ed, so a minute counts once.
    const blob = encodeRequesters(mergeRequesters(stored ? decodeRequesters(stored.requesters) : [], requesters));
    s.putSlotSet.run(set.bucket, set.hour, set.keyArn, set.kind, set.region, blob);
  }
  for (const m of aggregate.minutes ?? []) {
    const stored = s.minutesOf.get(m.bucket, m.hour, m.keyArn) as { o: Buffer; b: Buffer } | undefined;
    s.putMinutes.run(
      m.bucket,
      m.hour,
      m.keyArn,
      m.region,
      minutesBlob(m.objectPerMinute, stored?.o),
      minutesBlob(m.bucketPerMinute, stored?.b),
      account,
    );
  }
}

/** A file's slot rows by bucket-hour, key and kind: one stored row each. */
function groupSlots(slots: readonly SlotRow[]): (Omit<SlotRow, "session" | "role" | "minutesLow" | "minutesHigh"> & {
  rows: SlotRow[];
})[] {
  const groups = new Map<string, ReturnType<typeof groupSlots>[number]>();
  for (const r of slots) {
    const id = `${r.bucket} ${r.hour} ${r.keyArn} ${r.kind}`;
    let g = groups.get(id);
    if (!g)
      groups.set(
        id,
        (g = { bucket: r.bucket, hour: r.hour, keyArn: r.keyArn, region: r.region, kind: r.kind, rows: [] }),
      );
    g.rows.push(r);
  }
  return [...groups.values()];
}

/** 60 counts as little-endian uint32, plus what is stored already. */
function minutesBlob(counts: Uint32Array, stored: Buffer | undefined): Buffer {
  const out = Buffer.alloc(240);
  for (let i = 0; i < 60; i++) out.writeUInt32LE(counts[i]! + (stored ? stored.readUInt32LE(i * 4) : 0), i * 4);
  return out;
}

export const readMinutesBlob = (blob: Buffer): number[] =>
  Array.from({ length: 60 }, (_, i) => blob.readUInt32LE(i * 4));

/**
 * Changes whenever the store does: SQLite's data_version counts other connections' commits
 * (e.g. an ingest in another process), database.usageWrites this connection's.
 */
export function storeGeneration(): string {
  return `${usageDb().pragma("data_version", { simple: true })}.${database.usageWrites}`;
}

/** A file's receipt with what it counted. */
export type CountedReceipt = FileReceipt & { events: number; ignored: number };

/**
 * Adds one aggregate, of one file or of several files of one account folded together, and each
 * file's receipt, in one transaction: all or nothing.
 */
export function commitFiles(aggregate: FileAggregate, receipts: readonly CountedReceipt[]): void {
  const account = receipts[0]?.account;
  if (account === undefined || receipts.some((r) => r.account !== account))
    throw new Error("commitFiles: one or more receipts, all of one account");
  const d = usageDb();
  const s = statements(d);
  const now = new Date().toISOString();
  writeTransaction(d, () => {
    for (const r of aggregate.rows)
      s.addRow.run(r.bucket, r.hour, r.operation, r.level, r.keyArn, r.region, r.requests, account);
    addAggregateDetail(d, s, aggregate, account);
    for (const r of receipts) {
      s.receipt.run(r.key, r.etag, r.source, r.events, r.ignored, now);
      s.clearError.run(r.key);
    }
  });
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
  aggregate: Pick<FileAggregate, "rows"> & AggregateDetail,
): void {
  const d = usageDb();
  const s = statements(d);
  const inAccounts = `account IN (${window.accounts.map(() => "?").join(", ")})`;
  const range = [window.fromHour, window.toHour];
  writeTransaction(d, () => {
    d.prepare(
      `DELETE FROM usage_principals WHERE hour >= ? AND hour < ?
       AND bucket IN (SELECT DISTINCT bucket FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts})`,
    ).run(...range, ...range, ...window.accounts);
    d.prepare(
      `DELETE FROM usage_slot_sets WHERE hour >= ? AND hour < ?
       AND bucket IN (SELECT DISTINCT bucket FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts})`,
    ).run(...range, ...range, ...window.accounts);
    d.prepare(`DELETE FROM usage_minutes WHERE hour >= ? AND hour < ? AND ${inAccounts}`).run(
      ...range,
      ...window.accounts,
    );
    d.prepare(`DELETE FROM usage_hourly WHERE hour >= ? AND hour < ? AND ${inAccounts}`).run(
      ...range,
      ...window.accounts,
    );
    for (const r of aggregate.rows)
      s.addRow.run(r.bucket, r.hour, r.operation, r.level, r.keyArn, r.region, r.requests, window.account);
    addAggregateDetail(d, s, aggregate, window.account);
  });
  database.usageWrites++;
}
