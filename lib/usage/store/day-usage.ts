import "server-only";
import { accountClause, type AccountFilter } from "./queries";
import { usageDb } from "./schema";

// CloudTrail's KMS calls added up per UTC day: per key (to set beside the bill) and per bucket
// (to measure a change). Hours are epoch hours, so hour / 24 is the epoch day.

const dayMs = 86_400_000;
const dayOfEpoch = (d: number) => new Date(d * dayMs).toISOString().slice(0, 10);
const epochDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / dayMs;

export type TrailKeyDay = { keyArn: string; day: string; requests: number };

/** S3's KMS calls per key and day within [fromDay, toDay]. */
export function trailKeyDays(fromDay: string, toDay: string, accounts: AccountFilter, keyArn?: string): TrailKeyDay[] {
  const scope = accountClause(accounts);
  const only = keyArn === undefined ? "" : " AND key_arn = ?";
  const rows = usageDb()
    .prepare(
      `SELECT key_arn AS keyArn, hour / 24 AS d, SUM(requests) AS requests FROM usage_hourly
       WHERE hour >= ? AND hour < ?${scope.sql}${only} GROUP BY key_arn, d ORDER BY key_arn, d`,
    )
    .all(epochDay(fromDay) * 24, (epochDay(toDay) + 1) * 24, ...scope.args, ...(keyArn ? [keyArn] : [])) as {
    keyArn: string;
    d: number;
    requests: number;
  }[];
  return rows.map((r) => ({ keyArn: r.keyArn, day: dayOfEpoch(r.d), requests: r.requests }));
}

export type BucketDay = { day: string; region: string; requests: number; keyArns: string[] };

/** One bucket's KMS calls per day (all keys, both levels) within [fromDay, toDay]. */
export function bucketDays(bucket: string, fromDay: string, toDay: string): BucketDay[] {
  const rows = usageDb()
    .prepare(
      `SELECT hour / 24 AS d, region, SUM(requests) AS requests, GROUP_CONCAT(DISTINCT key_arn) AS keys
       FROM usage_hourly WHERE bucket = ? AND hour >= ? AND hour < ? GROUP BY d ORDER BY d`,
    )
    .all(bucket, epochDay(fromDay) * 24, (epochDay(toDay) + 1) * 24) as {
    d: number;
    region: string;
    requests: number;
    keys: string | null;
  }[];
  return rows.map((r) => ({
    day: dayOfEpoch(r.d),
    region: r.region,
    requests: r.requests,
    keyArns: r.keys ? r.keys.split(",") : [],
  }));
}

export const hourToDay = (hour: number) => dayOfEpoch(Math.floor(hour / 24));
