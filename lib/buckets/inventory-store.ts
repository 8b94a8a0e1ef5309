import "server-only";
import type { BucketPosture } from "@/lib/contracts/inventory";
import { migrate, openDb, type Db } from "@/lib/server/db";

// The inventory store: one row per account × bucket with its posture (as read, error included)
// and when it was read. Scans, event-driven refreshes and applies write through here; pages
// read from here only (inventory-query.ts), so no page ever waits for AWS. The s_* columns are
// the sort keys, never null, so keyset paging and its indexes see one total order. The posture
// itself sits in a table of its own: counting and filtering 100,000 rows then reads small rows.

const migrations = [
  `CREATE TABLE inventory_buckets (
     account TEXT NOT NULL,
     name TEXT NOT NULL,
     region TEXT,
     type TEXT,
     bucket_key INTEGER,
     candidate INTEGER NOT NULL DEFAULT 0,
     has_error INTEGER NOT NULL DEFAULT 0,
     read_at TEXT,
     seen_scan INTEGER NOT NULL DEFAULT 0,
     search TEXT NOT NULL,
     s_region TEXT NOT NULL,
     s_type TEXT NOT NULL,
     s_bucket_key TEXT NOT NULL,
     s_versioning TEXT NOT NULL,
     PRIMARY KEY (account, name)
   );
   CREATE TABLE inventory_postures (
     account TEXT NOT NULL,
     name TEXT NOT NULL,
     posture_json TEXT NOT NULL,
     PRIMARY KEY (account, name)
   ) WITHOUT ROWID;
   CREATE INDEX inventory_summary ON inventory_buckets(account, type, s_bucket_key, candidate, has_error, read_at);
   CREATE INDEX inventory_search ON inventory_buckets(account, search);
   CREATE INDEX inventory_region ON inventory_buckets(account, s_region, name);
   CREATE INDEX inventory_type ON inventory_buckets(account, s_type, name);
   CREATE INDEX inventory_bucket_key ON inventory_buckets(account, s_bucket_key, name);
   CREATE INDEX inventory_versioning ON inventory_buckets(account, s_versioning, name);
   CREATE INDEX inventory_all_name ON inventory_buckets(name, account);
   CREATE INDEX inventory_all_region ON inventory_buckets(s_region, name, account);
   CREATE INDEX inventory_all_type ON inventory_buckets(s_type, name, account);
   CREATE INDEX inventory_all_bucket_key ON inventory_buckets(s_bucket_key, name, account);
   CREATE INDEX inventory_all_versioning ON inventory_buckets(s_versioning, name, account);
   CREATE TABLE inventory_accounts (
     key TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     info_json TEXT,
     last_scan_json TEXT,
     scanned_at TEXT
   );
   CREATE TABLE inventory_bucket_events (
     id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     bucket TEXT NOT NULL,
     region TEXT NOT NULL,
     event TEXT NOT NULL,
     at TEXT NOT NULL,
     principal TEXT NOT NULL,
     source TEXT NOT NULL,
     by_console INTEGER NOT NULL,
     refreshed INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX inventory_events_pending ON inventory_bucket_events(refreshed, account);
   CREATE INDEX inventory_events_bucket ON inventory_bucket_events(account, bucket, at);
   CREATE TABLE inventory_event_watermarks (source TEXT PRIMARY KEY, until TEXT NOT NULL);`,
];

let migratedConnection: Db | undefined;

export function inventoryDb(): Db {
  const d = openDb();
  if (migratedConnection !== d) {
    migrate(d, "inventory", migrations);
    migratedConnection = d;
  }
  return d;
}

// Every write bumps a counter shared by all route bundles (globalThis), so the summary cache of
// inventory-query.ts knows when to recount without asking SQLite.
const holder = globalThis as typeof globalThis & { __bkcInventoryGeneration?: number };
export const inventoryGeneration = (): number => holder.__bkcInventoryGeneration ?? 0;
const bumpGeneration = () => (holder.__bkcInventoryGeneration = inventoryGeneration() + 1);

const sortKeysOf = (p: BucketPosture) => ({
  s_region: p.region ?? "~",
  s_type: p.encryption?.type ?? "~",
  s_bucket_key: p.encryption?.type === "SSE-KMS" ? (p.encryption.bucketKeyEnabled ? "1" : "0") : "2",
  s_versioning: p.versioning ?? "~",
});

function rowOf(p: BucketPosture, seenScan: number) {
  const e = p.encryption;
  return {
    account: p.account,
    name: p.name,
    region: p.region,
    type: e?.type ?? null,
    bucket_key: e ? Number(e.bucketKeyEnabled) : null,
    candidate: Number(p.candidate),
    has_error: Number(p.error !== null),
    read_at: p.readAt,
    seen_scan: seenScan,
    search: [p.name, e?.kmsKeyAlias, e?.kmsKeyArn].filter(Boolean).join(" ").toLowerCase(),
    ...sortKeysOf(p),
  };
}

const columns = Object.keys(rowOf(notScanned("a", "b", null, null), 0));
const upsertSql = (keepSeen: boolean) =>
  `INSERT INTO inventory_buckets (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})
   ON CONFLICT(account, name) DO UPDATE SET ${columns
     .filter((c) => c !== "account" && c !== "name" && (!keepSeen || c !== "seen_scan"))
     .map((c) => `${c} = excluded.${c}`)
     .join(", ")}`;

/** Buckets per account id, for the accounts list of a page. */
export function bucketCounts(): Map<string, number> {
  const rows = inventoryDb().prepare("SELECT account, COUNT(*) AS n FROM inventory_buckets GROUP BY account").all() as {
    account: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.account, r.n]));
}

/** A bucket that is listed but not read yet: "not scanned yet". */
export function notScanned(
  account: string,
  name: string,
  createdAt: string | null,
  region: string | null,
): BucketPosture {
  return {
    name,
    account,
    region,
    createdAt,
    encryption: null,
    versioning: null,
    replication: null,
    candidate: false,
    error: null,
    readAt: null,
  };
}

/** Writes a posture as read (a scan, an event, an apply); a bucket seen by no scan yet is inserted. */
export function writePosture(posture: BucketPosture): void {
  const d = inventoryDb();
  d.transaction(() => {
    d.prepare(upsertSql(true)).run(rowOf(posture, 0));
    writeJson(d, posture);
  })();
  bumpGeneration();
}

const writeJson = (d: Db, p: BucketPosture) =>
  d
    .prepare(
      `INSERT INTO inventory_postures (account, name, posture_json) VALUES (?, ?, ?)
       ON CONFLICT(account, name) DO UPDATE SET posture_json = excluded.posture_json`,
    )
    .run(p.account, p.name, JSON.stringify(p));

export type ListedBucket = { name: string; createdAt: string | null; region: string | null };

/**
 * Records one ListBuckets page of a scan: new buckets appear as "not scanned yet", known ones
 * keep their posture and are marked as seen by this scan (removeUnseen() drops the others).
 */
export function recordListed(account: string, scanId: number, listed: readonly ListedBucket[]): void {
  const d = inventoryDb();
  const insert = d.prepare(upsertSql(false).replace(/ON CONFLICT[\s\S]*$/, "ON CONFLICT(account, name) DO NOTHING"));
  const touch = d.prepare("UPDATE inventory_buckets SET seen_scan = ? WHERE account = ? AND name = ?");
  d.transaction(() => {
    for (const b of listed) {
      if (touch.run(scanId, account, b.name).changes > 0) continue;
      const posture = notScanned(account, b.name, b.createdAt, b.region);
      insert.run(rowOf(posture, scanId));
      writeJson(d, posture);
    }
  })();
  bumpGeneration();
}

/** After a complete scan: buckets that ListBuckets no longer names and nothing read since the scan began. */
export function removeUnseen(account: string, scanId: number, startedAt: string): number {
  const d = inventoryDb();
  const gone = "account = ? AND seen_scan < ? AND (read_at IS NULL OR read_at < ?)";
  const { changes } = d.transaction(() => {
    d.prepare(
      `DELETE FROM inventory_postures WHERE account = ? AND name IN (SELECT name FROM inventory_buckets WHERE ${gone})`,
    ).run(account, account, scanId, startedAt);
    return d.prepare(`DELETE FROM inventory_buckets WHERE ${gone}`).run(account, scanId, startedAt);
  })();
  bumpGeneration();
  return changes;
}

export function removeBucket(account: string, name: string): void {
  const d = inventoryDb();
  d.transaction(() => {
    d.prepare("DELETE FROM inventory_buckets WHERE account = ? AND name = ?").run(account, name);
    d.prepare("DELETE FROM inventory_postures WHERE account = ? AND name = ?").run(account, name);
  })();
  bumpGeneration();
}

export function storedPosture(account: string, name: string): BucketPosture | null {
  const row = inventoryDb()
    .prepare("SELECT posture_json FROM inventory_postures WHERE account = ? AND name = ?")
    .get(account, name) as { posture_json: string } | undefined;
  return row ? (JSON.parse(row.posture_json) as BucketPosture) : null;
}
