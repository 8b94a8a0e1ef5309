import "server-only";
import type { OutsideChange } from "@/lib/contracts/inventory";
import type { OutsideChangeEntry } from "@/lib/contracts/outside-changes";
import type { BucketEvent } from "@/lib/contracts/bucket-management-events";
import { isOwnRequest } from "@/lib/aws/own-requests";
import { inventoryDb } from "./store";

// S3 management events noted by the usage ingestion, keyed by CloudTrail's eventID so a file
// read twice notes them once. They are noted before the file's usage is committed: a crash in
// between reads the file again and notes nothing new, so an event is never lost. Pending ones
// are re-read by refreshNotedBuckets() (bucket-refresh.ts) and then marked refreshed.

export type EventSource = OutsideChange["source"];

export function noteBucketEvents(events: readonly BucketEvent[], source: EventSource): void {
  if (!events.length) return;
  const d = inventoryDb();
  const insert = d.prepare(
    `INSERT INTO inventory_bucket_events
       (id, account, bucket, region, event, at, principal, source, by_console, after_summary)
     VALUES (@id, @account, @bucket, @region, @event, @at, @principal, @source, @byConsole, @after)
     ON CONFLICT(id) DO NOTHING`,
  );
  d.transaction(() => {
    for (const e of events) {
      // The console's own call: its User-Agent and a request id it recorded when it sent the call.
      const byConsole = e.byConsole && isOwnRequest(e.requestId);
      const { id, account, bucket, region, event, at, principal, after } = e;
      insert.run({ id, account, bucket, region, event, at, principal, source, byConsole: Number(byConsole), after });
    }
  })();
}

type PendingBucket = { bucket: string; region: string; lastEvent: string; ids: string[] };

/** The account's buckets with events not yet re-read (the console's own calls need none: apply wrote the row). */
export function pendingBuckets(account: string): PendingBucket[] {
  const rows = inventoryDb()
    .prepare(
      `SELECT id, bucket, region, event FROM inventory_bucket_events
       WHERE refreshed = 0 AND account = ? AND by_console = 0 ORDER BY at, id`,
    )
    .all(account) as { id: string; bucket: string; region: string; event: string }[];
  const byBucket = new Map<string, PendingBucket>();
  for (const r of rows) {
    const entry = byBucket.get(r.bucket) ?? { bucket: r.bucket, region: r.region, lastEvent: r.event, ids: [] };
    entry.lastEvent = r.event;
    entry.region = r.region;
    entry.ids.push(r.id);
    byBucket.set(r.bucket, entry);
  }
  return [...byBucket.values()];
}

export function markRefreshed(ids: readonly string[]): void {
  const d = inventoryDb();
  const mark = d.prepare("UPDATE inventory_bucket_events SET refreshed = 1 WHERE id = ?");
  d.transaction(() => {
    for (const id of ids) mark.run(id);
  })();
  // The console's own calls never wait for a refresh: mark them too, so the table stays small to scan.
  d.prepare("UPDATE inventory_bucket_events SET refreshed = 1 WHERE refreshed = 0 AND by_console = 1").run();
}

/** "Changed outside this console at <at> by <principal>": the bucket's latest such event. */
export function lastOutsideChange(account: string, bucket: string): OutsideChange | null {
  const row = inventoryDb()
    .prepare(
      `SELECT at, principal, event, source FROM inventory_bucket_events
       WHERE account = ? AND bucket = ? AND by_console = 0 ORDER BY at DESC, id DESC LIMIT 1`,
    )
    .get(account, bucket) as OutsideChange | undefined;
  return row ?? null;
}

/**
 * History's changes made outside this console, newest first: every account's, or those of the given
 * account ids; `limit` bounds the answer (the newest are the ones History shows).
 */
export function outsideChanges({ accounts, bucket, limit }: OutsideQuery): OutsideChangeEntry[] {
  const where = ["by_console = 0"];
  const args: (string | number)[] = [];
  if (accounts) {
    where.push(`account IN (${accounts.map(() => "?").join(", ") || "NULL"})`);
    args.push(...accounts);
  }
  if (bucket) {
    where.push("bucket = ?");
    args.push(bucket);
  }
  const rows = inventoryDb()
    .prepare(
      `SELECT id, account, bucket, region, event, at, principal, source, after_summary AS after
       FROM inventory_bucket_events WHERE ${where.join(" AND ")} ORDER BY at DESC, id DESC LIMIT ?`,
    )
    .all(...args, limit) as OutsideChangeEntry[];
  return rows;
}

type OutsideQuery = { accounts: readonly string[] | undefined; bucket: string | undefined; limit: number };

/** How far LookupEvents has been read for bucket events (per account and region); null: never. */
export function eventWatermark(source: string): string | null {
  const row = inventoryDb().prepare("SELECT until FROM inventory_event_watermarks WHERE source = ?").get(source) as
    { until: string } | undefined;
  return row?.until ?? null;
}

export function setEventWatermark(source: string, until: string): void {
  inventoryDb()
    .prepare(
      "INSERT INTO inventory_event_watermarks (source, until) VALUES (?, ?) ON CONFLICT(source) DO UPDATE SET until = excluded.until",
    )
    .run(source, until);
}

/** Encryption changes made outside the console (CloudTrail's S3 management events), oldest first. */
export function outsideEncryptionChanges(
  accounts?: readonly string[],
): { id: string; account: string; bucket: string; at: string; principal: string }[] {
  const only = accounts ? ` AND account IN (${accounts.map(() => "?").join(", ")})` : "";
  return inventoryDb()
    .prepare(
      `SELECT id, account, bucket, at, principal FROM inventory_bucket_events
       WHERE by_console = 0 AND event IN ('PutBucketEncryption', 'DeleteBucketEncryption')${only} ORDER BY at, id`,
    )
    .all(...(accounts ?? [])) as { id: string; account: string; bucket: string; at: string; principal: string }[];
}
