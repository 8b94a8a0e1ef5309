import "server-only";
import { migrate, openDb, type Db } from "@/lib/runtime/db";

// The usage store's tables. Hourly aggregates and, per bucket-hour, the distinct principals (kept as rows, not
// counts, so a principal seen in two files of the same hour counts once); refresh-window slots and per-minute
// counts (slot-blob.ts, minutes-blob.ts); the receipts and errors of the files read; a generic settings table.

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
  // before, all from the console's own account (see accountClause). Bucket names are unique
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

/** Prepared statements belong to their connection: `prepare` runs once per connection, on first use. */
export function statementsPer<S>(prepare: (d: Db) => S): (d: Db) => S {
  const prepared = new WeakMap<Db, S>();
  return (d) => {
    let s = prepared.get(d);
    if (!s) prepared.set(d, (s = prepare(d)));
    return s;
  };
}
