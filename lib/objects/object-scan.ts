import "server-only";
import type { ObjectScan } from "@/lib/contracts/objects";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { readCurrentEncryption } from "@/lib/buckets/current-encryption";
import { mapLimit } from "@/lib/server/concurrency";
import { migrate, openDb } from "@/lib/server/db";
import { objectScans as running } from "@/lib/server/process-state";
import { categorizeObject, emptyDistribution } from "@/lib/objects/object-category";
import { headObjectFacts, listObjects } from "@/lib/objects/object-head";

// The object-level audit: every object's encryption (or the first N, as a labelled sample),
// read with bounded concurrency. Progress lives in memory; the result is stored with its time.

const migrations = [`CREATE TABLE object_scans (bucket TEXT PRIMARY KEY, scan_json TEXT NOT NULL)`];

function db() {
  const d = openDb();
  migrate(d, "object-scans", migrations);
  return d;
}

function stored(bucket: string): ObjectScan | null {
  const row = db().prepare("SELECT scan_json FROM object_scans WHERE bucket = ?").get(bucket) as
    { scan_json: string } | undefined;
  return row ? (JSON.parse(row.scan_json) as ObjectScan) : null;
}

function store(scan: ObjectScan): void {
  db()
    .prepare(
      "INSERT INTO object_scans (bucket, scan_json) VALUES (?, ?) ON CONFLICT(bucket) DO UPDATE SET scan_json = excluded.scan_json",
    )
    .run(scan.bucket, JSON.stringify(scan));
}

export function getObjectScan(bucket: string): ObjectScan {
  return (
    running.get(bucket)?.scan ??
    stored(bucket) ?? {
      bucket,
      state: "none",
      startedAt: null,
      finishedAt: null,
      sampleSize: null,
      listed: 0,
      scanned: 0,
      distribution: emptyDistribution(),
      error: null,
    }
  );
}

export function cancelObjectScan(bucket: string): ObjectScan {
  const r = running.get(bucket);
  if (!r) throw new AppError("conflict", `No scan of ${bucket} is running.`);
  r.cancelled = true;
  return r.scan;
}

/** Starts a scan in the background and returns at once; a second start reports the running one. */
export async function startObjectScan(
  bucket: string,
  sampleSize: number | null,
  concurrency = 16,
): Promise<ObjectScan> {
  const existing = running.get(bucket);
  if (existing) return existing.scan;
  const current = await readCurrentEncryption(bucket);
  const scan: ObjectScan = {
    bucket,
    state: "running",
    startedAt: new Date().toISOString(),
    finishedAt: null,
    sampleSize,
    listed: 0,
    scanned: 0,
    distribution: emptyDistribution(),
    error: null,
  };
  const entry = { scan, cancelled: false };
  running.set(bucket, entry);
  const client = s3Client(current.region);
  const defaultKey = current.encryption.type === "SSE-KMS" ? current.encryption.kmsKeyArn : null;
  void (async () => {
    try {
      const objects = await listObjects(client, bucket, "", sampleSize ?? undefined);
      scan.listed = objects.length;
      await mapLimit(objects, concurrency, async (o) => {
        if (entry.cancelled) return;
        const head = await headObjectFacts(client, bucket, o.key);
        scan.distribution[categorizeObject(head.encryption, defaultKey)] += 1;
        scan.scanned += 1;
      });
      scan.state = entry.cancelled ? "cancelled" : "done";
    } catch (err) {
      scan.state = "failed";
      scan.error = err instanceof AppError ? err.message : "The scan failed.";
    } finally {
      scan.finishedAt = new Date().toISOString();
      store(scan);
      running.delete(bucket);
    }
  })();
  return scan;
}
