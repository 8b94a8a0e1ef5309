import { namedSlotRows } from "@/lib/usage/store/slot-queries";
import { usageDb } from "@/lib/usage/store/schema";

/** Everything ingestion writes, in a comparable form: two stores with equal totals hold the same data. */
export function usageTotals() {
  const db = usageDb();
  return {
    hourly: db
      .prepare(
        "SELECT bucket, hour, operation, level, key_arn, requests FROM usage_hourly ORDER BY bucket, hour, operation, level, key_arn",
      )
      .all() as { bucket: string; requests: number }[],
    principals: db
      .prepare(
        "SELECT p.bucket, p.hour, n.name FROM usage_principals p JOIN usage_principal_names n ON n.id = p.principal_id ORDER BY 1, 2, 3",
      )
      .all(),
    // Requesters are packed per bucket-hour, key and kind in the order files arrived: sorted to compare.
    slots: namedSlotRows()
      .map((r) => [r.bucket, r.hour, r.session, r.role, r.keyArn, r.kind, r.minutesLow, r.minutesHigh].join(" "))
      .sort(),
    minutes: db
      .prepare(
        "SELECT bucket, hour, key_arn, hex(object_minutes) AS o, hex(bucket_minutes) AS b FROM usage_minutes ORDER BY 1, 2, 3",
      )
      .all(),
    files: db.prepare("SELECT key, etag, events, ignored FROM usage_ingested_files ORDER BY key").all(),
    requests: (db.prepare("SELECT COALESCE(SUM(requests), 0) AS n FROM usage_hourly").get() as { n: number }).n,
  };
}
