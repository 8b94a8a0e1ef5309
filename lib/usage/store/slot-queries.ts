import "server-only";
import type { SlotMaskRow } from "@/lib/cost/refresh-slots";
import { decodeMinutes } from "./minutes-blob";
import { accountClause, type AccountFilter } from "./queries";
import { usageDb } from "./schema";
import { decodeRequesters } from "./slot-blob";

// Reads of what ingestion keeps beyond the hourly rows: refresh-window slots (per bucket-hour, key
// and kind, its requesters packed in one blob: slot-blob.ts) and the per-minute request counts per
// bucket-hour and key (minutes-blob.ts).

type StoredSlotRow = SlotMaskRow & { bucket: string };
type SlotSet = { bucket: string; hour: number; keyArn: string; kind: string; requesters: Buffer };

function slotSets(where: string, args: readonly (string | number)[]): SlotSet[] {
  return usageDb()
    .prepare(`SELECT bucket, hour, key_arn AS keyArn, kind, requesters FROM usage_slot_sets WHERE ${where}`)
    .all(...args) as SlotSet[];
}

/** One row per requester of each set; sessions and roles as the store's ids (cheap to compare). */
function expand(sets: readonly SlotSet[]): (StoredSlotRow & { session: number; role: number })[] {
  return sets.flatMap(({ requesters, ...set }) => decodeRequesters(requesters).map((r) => ({ ...set, ...r })));
}

/** Slot rows in [fromHour, toHour), optionally for one bucket; sessions and roles as ids. */
export function slotRows(fromHour: number, toHour: number, bucket?: string): StoredSlotRow[] {
  const only = bucket === undefined ? "" : " AND bucket = ?";
  return expand(
    slotSets(`hour >= ? AND hour < ?${only}`, bucket === undefined ? [fromHour, toHour] : [fromHour, toHour, bucket]),
  );
}

/** Slot rows with the sessions' and roles' names, for "why this number": one bucket-hour, or (none given) all. */
export function namedSlotRows(at?: { bucket: string; hour: number }): StoredSlotRow[] {
  const rows = expand(at ? slotSets("bucket = ? AND hour = ?", [at.bucket, at.hour]) : slotSets("1 = 1", []));
  const names = new Map(
    (usageDb().prepare("SELECT id, name FROM usage_principal_names").all() as { id: number; name: string }[]).map(
      (n) => [n.id, n.name],
    ),
  );
  return rows.map((r) => ({ ...r, session: names.get(r.session)!, role: names.get(r.role)! }));
}

type MinuteCounts = {
  bucket: string;
  hour: number;
  keyArn: string;
  region: string;
  objectPerMinute: number[];
  bucketPerMinute: number[];
};

/** Per-minute counts in [fromHour, toHour), optionally for one bucket and some accounts. */
export function minuteCounts(
  fromHour: number,
  toHour: number,
  bucket?: string,
  accounts?: AccountFilter,
): MinuteCounts[] {
  const only = bucket === undefined ? "" : " AND bucket = ?";
  const inAccounts = accountClause(accounts);
  const rows = usageDb()
    .prepare(
      `SELECT bucket, hour, key_arn AS keyArn, region, object_minutes AS o, bucket_minutes AS b FROM usage_minutes
       WHERE hour >= ? AND hour < ?${only}${inAccounts.sql}`,
    )
    .all(...(bucket === undefined ? [fromHour, toHour] : [fromHour, toHour, bucket]), ...inAccounts.args) as (Omit<
    MinuteCounts,
    "objectPerMinute" | "bucketPerMinute"
  > & { o: Buffer; b: Buffer })[];
  return rows.map(({ o, b, ...r }) => ({ ...r, objectPerMinute: decodeMinutes(o), bucketPerMinute: decodeMinutes(b) }));
}
