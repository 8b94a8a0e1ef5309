import "server-only";
import { database } from "@/lib/runtime/db";
import { usageDb } from "./schema";

// The reads of the hourly aggregates and principals that the usage and savings reports are built from.
// Slots and per-minute counts are read in slot-queries.ts.

/** Which accounts a read covers: undefined for all, else ids ('' = rows from before accounts were recorded). */
export type AccountFilter = readonly string[] | undefined;

export function accountClause(accounts: AccountFilter, column = "account"): { sql: string; args: string[] } {
  if (!accounts) return { sql: "", args: [] };
  return { sql: ` AND ${column} IN (${accounts.map(() => "?").join(", ")})`, args: [...accounts] };
}

/**
 * Changes whenever the store does: SQLite's data_version counts other connections' commits
 * (e.g. an ingest in another process), database.usageWrites this connection's.
 */
export function storeGeneration(): string {
  return `${usageDb().pragma("data_version", { simple: true })}.${database.usageWrites}`;
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
