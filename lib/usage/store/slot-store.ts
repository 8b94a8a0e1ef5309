import "server-only";
import type { SlotMaskRow } from "@/lib/cost/refresh-slots";
import { accountClause, usageDb, type AccountFilter } from "./usage-store";

// Reads of what ingestion keeps beyond the hourly rows: refresh-window slot rows (one per
// requester, key and kind per bucket-hour, the minutes of its calls as bits) and the per-minute
// request counts per bucket-hour and key (60 little-endian uint32 per level).

type StoredSlotRow = SlotMaskRow & { bucket: string };

/** Slot rows in [fromHour, toHour), optionally for one bucket; sessions and roles as ids (cheap to compare). */
export function slotRows(fromHour: number, toHour: number, bucket?: string): StoredSlotRow[] {
  const only = bucket === undefined ? "" : " AND bucket = ?";
  return usageDb()
    .prepare(
      `SELECT bucket, hour, session_id AS session, role_id AS role, key_arn AS keyArn, kind,
              minutes_low AS minutesLow, minutes_high AS minutesHigh
       FROM usage_slots WHERE hour >= ? AND hour < ?${only}`,
    )
    .all(...(bucket === undefined ? [fromHour, toHour] : [fromHour, toHour, bucket])) as StoredSlotRow[];
}

/** One bucket-hour's slot rows with the sessions' and roles' names, for "why this number". */
export function namedSlotRows(bucket: string, hour: number): StoredSlotRow[] {
  return usageDb()
    .prepare(
      `SELECT s.bucket, s.hour, sn.name AS session, rn.name AS role, s.key_arn AS keyArn, s.kind,
              s.minutes_low AS minutesLow, s.minutes_high AS minutesHigh
       FROM usage_slots s JOIN usage_principal_names sn ON sn.id = s.session_id
       JOIN usage_principal_names rn ON rn.id = s.role_id WHERE s.bucket = ? AND s.hour = ?`,
    )
    .all(bucket, hour) as StoredSlotRow[];
}

export type MinuteCounts = {
  bucket: string;
  hour: number;
  keyArn: string;
  region: string;
  objectPerMinute: number[];
  bucketPerMinute: number[];
};

const fromBlob = (blob: Buffer): number[] => Array.from({ length: 60 }, (_, i) => blob.readUInt32LE(i * 4));

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
  return rows.map(({ o, b, ...r }) => ({ ...r, objectPerMinute: fromBlob(o), bucketPerMinute: fromBlob(b) }));
}
