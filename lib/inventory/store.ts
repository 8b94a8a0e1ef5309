import "server-only";
import type { BucketPosture } from "@/lib/contracts/inventory";
import type { Statement } from "better-sqlite3";
import { migrate, openDb, type Db } from "@/lib/runtime/db";
import { inventoryMigrations } from "./schema";
import type { ListedBucket } from "./list-buckets";

// The inventory store's write path and row reads: scans, event-driven refreshes and applies
// write through here (a scan in batches, one transaction each); pages read through
// inventory-query.ts, so no page ever waits for AWS. Tables: inventory-schema.ts.

let migratedConnection: Db | undefined;

export function inventoryDb(): Db {
  const d = openDb();
  if (migratedConnection !== d) {
    migrate(d, "inventory", inventoryMigrations);
    migratedConnection = d;
  }
  return d;
}

/** What a search matches besides the name: the key's alias, ARN and the reference as configured, lower-cased. */
function keySearchOf(p: BucketPosture): string | null {
  const e = p.encryption;
  const parts = new Set([e?.kmsKeyAlias, e?.kmsKeyArn, e?.kmsKeyReference].filter(Boolean));
  return [...parts].join(" ").toLowerCase() || null;
}

function rowOf(p: BucketPosture, seenScan: number, keyId: number | null) {
  const e = p.encryption;
  return {
    account: p.account,
    name: p.name,
    key_id: keyId,
    s_type: e?.type ?? "~",
    s_bucket_key: e?.type === "SSE-KMS" ? (e.bucketKeyEnabled ? "1" : "0") : "2",
    s_region: p.region ?? "~",
    s_versioning: p.versioning ?? "~",
    candidate: Number(p.candidate),
    has_error: Number(p.error !== null),
    scanned: Number(p.readAt !== null),
    read_at: p.readAt,
    seen_scan: seenScan,
    posture_json: JSON.stringify(p),
  };
}

// One statement for a known key and a new one (the no-op update makes RETURNING answer both).
const keyIdSql = `INSERT INTO inventory_keys (search) VALUES (?)
  ON CONFLICT(search) DO UPDATE SET search = excluded.search RETURNING id`;

function keyIdOf(keyIds: Statement, p: BucketPosture): number | null {
  const search = keySearchOf(p);
  return search === null ? null : (keyIds.get(search) as { id: number }).id;
}

const columns = Object.keys(rowOf(notScanned("a", "b", null, null), 0, null));
const insertSql = `INSERT INTO inventory_buckets (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`;
// An update keeps seen_scan: only a scan's listing marks a bucket as seen.
const upsertSql = `${insertSql} ON CONFLICT(account, name) DO UPDATE SET ${columns
  .filter((c) => c !== "account" && c !== "name" && c !== "seen_scan")
  .map((c) => `${c} = excluded.${c}`)
  .join(", ")}`;

// A re-read that changes none of the indexed columns (most of a rescan) rewrites the row alone,
// not its eleven index entries, the counters and the name index.
const indexed = ["key_id", "s_type", "s_bucket_key", "s_region", "s_versioning", "candidate", "has_error", "scanned"];
const rereadSql = `UPDATE inventory_buckets SET posture_json = @posture_json, read_at = @read_at
  WHERE account = @account AND name = @name AND ${indexed.map((c) => `${c} IS @${c}`).join(" AND ")}`;

/** Buckets per account id, for the accounts list of a page (from the counters). */
export function bucketCounts(): Map<string, number> {
  const rows = inventoryDb().prepare("SELECT account, SUM(n) AS n FROM inventory_counts GROUP BY account").all() as {
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

/** Writes postures as read (a scan's batch, an event, an apply) in one transaction; new buckets are inserted. */
export function writePostures(postures: readonly BucketPosture[]): void {
  if (!postures.length) return;
  const d = inventoryDb();
  const [reread, upsert, keyIds] = [rereadSql, upsertSql, keyIdSql].map((sql) => d.prepare(sql));
  d.transaction(() => {
    for (const p of postures) {
      const row = rowOf(p, 0, keyIdOf(keyIds!, p));
      if (reread!.run(row).changes === 0) upsert!.run(row);
    }
  })();
}

export const writePosture = (posture: BucketPosture): void => writePostures([posture]);

/**
 * Updates the row of a bucket the inventory already lists, and inserts nothing: what a page read (a GET) may do.
 * Only a scan's listing or an event adds a bucket, so a request cannot grow the store with any bucket it can reach.
 */
export function refreshListedPosture(posture: BucketPosture): void {
  const d = inventoryDb();
  const update = d.prepare(
    `UPDATE inventory_buckets SET ${columns
      .filter((c) => c !== "account" && c !== "name" && c !== "seen_scan")
      .map((c) => `${c} = @${c}`)
      .join(", ")} WHERE account = @account AND name = @name`,
  );
  d.transaction(() => update.run(rowOf(posture, 0, keyIdOf(d.prepare(keyIdSql), posture))))();
}

/**
 * Records one ListBuckets page of a scan: new buckets appear as "not scanned yet", known ones
 * keep their posture and are marked as seen by this scan (removeUnseen() drops the others).
 */
export function recordListed(account: string, scanId: number, listed: readonly ListedBucket[]): void {
  const d = inventoryDb();
  const insert = d.prepare(`${insertSql} ON CONFLICT(account, name) DO NOTHING`);
  const touch = d.prepare("UPDATE inventory_buckets SET seen_scan = ? WHERE account = ? AND name = ?");
  d.transaction(() => {
    for (const b of listed) {
      if (touch.run(scanId, account, b.name).changes > 0) continue;
      insert.run(rowOf(notScanned(account, b.name, b.createdAt, b.region), scanId, null));
    }
  })();
}

/** After a complete scan: buckets that ListBuckets no longer names and nothing read since the scan began. */
export function removeUnseen(account: string, scanId: number, startedAt: string): number {
  return inventoryDb()
    .prepare("DELETE FROM inventory_buckets WHERE account = ? AND seen_scan < ? AND (read_at IS NULL OR read_at < ?)")
    .run(account, scanId, startedAt).changes;
}

export function removeBucket(account: string, name: string): void {
  inventoryDb().prepare("DELETE FROM inventory_buckets WHERE account = ? AND name = ?").run(account, name);
}

export function storedPosture(account: string, name: string): BucketPosture | null {
  const row = inventoryDb()
    .prepare("SELECT posture_json FROM inventory_buckets WHERE account = ? AND name = ?")
    .get(account, name) as { posture_json: string } | undefined;
  return row ? (JSON.parse(row.posture_json) as BucketPosture) : null;
}
