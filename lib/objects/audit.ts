import "server-only";
import type { ObjectScan } from "@/lib/contracts/objects";
import { AppError } from "@/lib/contracts/errors";
import { s3Client } from "@/lib/aws/clients";
import { readCurrentEncryption } from "@/lib/encryption/current";
import { mapLimit } from "@/lib/runtime/concurrency";
import { migrate, openDb } from "@/lib/runtime/db";
import { processWide } from "@/lib/runtime/process-wide";
import { categorizeObject, emptyDistribution } from "@/lib/objects/category";
import { headObjectFacts, listObjects } from "@/lib/objects/head";
import { objectCategories } from "@/lib/contracts/objects";
import { inventoryStatus } from "@/lib/objects/inventory-reports/locate";
import { auditReport } from "@/lib/objects/inventory-reports/audit";
import { ReportTally } from "@/lib/objects/inventory-reports/tally";

// The object-level audit, from one of two sources: the bucket's latest S3 Inventory report
// (any size: the report's files are streamed, nothing is listed) or HeadObject on every object
// (or the first N, as a labelled sample) for small buckets. Progress lives in memory; the result
// is stored with its source and time, so every figure can say where it comes from and how old it is.

/** Audits in progress, by bucket: one per process, so progress and cancel (other routes) reach the running one. */
const running = processWide("ObjectScans", () => new Map<string, { scan: ObjectScan; cancelled: boolean }>());

const migrations = [`CREATE TABLE object_scans (bucket TEXT PRIMARY KEY, scan_json TEXT NOT NULL)`];

function db() {
  const d = openDb();
  migrate(d, "object-scans", migrations);
  return d;
}

function emptyScan(bucket: string): ObjectScan {
  return {
    bucket,
    source: "objects",
    reportDate: null,
    report: null,
    state: "none",
    startedAt: null,
    finishedAt: null,
    sampleSize: null,
    listed: 0,
    scanned: 0,
    reportBytesRead: null,
    reportBytesTotal: null,
    distribution: emptyDistribution(),
    bytes: emptyDistribution(),
    prefixes: [],
    error: null,
  };
}

function stored(bucket: string): ObjectScan | null {
  const row = db().prepare("SELECT scan_json FROM object_scans WHERE bucket = ?").get(bucket) as
    { scan_json: string } | undefined;
  // Scans stored before sources existed were HeadObject scans without bytes or prefixes.
  return row ? { ...emptyScan(bucket), ...(JSON.parse(row.scan_json) as Partial<ObjectScan>) } : null;
}

function store(scan: ObjectScan): void {
  db()
    .prepare(
      "INSERT INTO object_scans (bucket, scan_json) VALUES (?, ?) ON CONFLICT(bucket) DO UPDATE SET scan_json = excluded.scan_json",
    )
    .run(scan.bucket, JSON.stringify(scan));
}

export function getObjectScan(bucket: string): ObjectScan {
  return running.get(bucket)?.scan ?? stored(bucket) ?? emptyScan(bucket);
}

export function cancelObjectScan(bucket: string): ObjectScan {
  const r = running.get(bucket);
  if (!r) throw new AppError("conflict", `No scan of ${bucket} is running.`);
  r.cancelled = true;
  return r.scan;
}

/** The most objects a viewer's audit reads (HeadObject each): listing a whole bucket is an operator's decision. */
export const viewerSampleSize = 1_000;

/** Audits running at once in this process, over every bucket: each holds AWS connections and a listing. */
const maxRunningAudits = 4;

type AuditOptions = { source?: "inventory" | "objects"; sampleSize: number | null; fullListing: boolean };

/**
 * Starts an audit in the background and returns at once; a second start of the same bucket reports the running
 * one. Without a source, the latest inventory report is read when a usable one exists. `fullListing`: whether the
 * caller may read every object (operators); otherwise an objects audit reads a sample of at most viewerSampleSize.
 */
export async function startObjectScan(bucket: string, options: AuditOptions, concurrency = 16): Promise<ObjectScan> {
  const existing = running.get(bucket);
  if (existing) return existing.scan;
  if (running.size >= maxRunningAudits)
    throw new AppError(
      "rate_limited",
      `${running.size} object audits are running, the most this console runs at once: try again when one ends.`,
    );
  // Claimed before the first await, so two starts of one bucket cannot both pass the check above.
  const entry = { scan: { ...emptyScan(bucket), state: "running" as ObjectScan["state"] }, cancelled: false };
  running.set(bucket, entry);
  try {
    return await begin(bucket, entry, options, concurrency);
  } catch (err) {
    running.delete(bucket);
    throw err;
  }
}

async function begin(
  bucket: string,
  entry: { scan: ObjectScan; cancelled: boolean },
  options: AuditOptions,
  concurrency: number,
): Promise<ObjectScan> {
  const sampleSize = options.fullListing
    ? options.sampleSize
    : Math.min(options.sampleSize ?? viewerSampleSize, viewerSampleSize);
  const current = await readCurrentEncryption(bucket);
  const client = s3Client(current.region);
  const wantsReport = options.source === "inventory" || (options.source === undefined && options.sampleSize === null);
  const status = wantsReport ? await inventoryStatus(client, bucket) : null;
  if (options.source === "inventory" && !status?.located)
    throw new AppError("check_failed", `No usable inventory report for ${bucket}: ${status?.problem}`);
  const report = status?.located ?? null;
  const scan = Object.assign(entry.scan, {
    source: report ? "inventory" : "objects",
    reportDate: report?.reportDate ?? null,
    report: report ? `${report.destinationBucket}/${report.manifestKey}` : null,
    startedAt: new Date().toISOString(),
    sampleSize: report ? null : sampleSize,
    reportBytesRead: report ? 0 : null,
    reportBytesTotal: report?.bytes ?? null,
  } satisfies Partial<ObjectScan>);
  const defaultKey = current.encryption.type === "SSE-KMS" ? current.encryption.kmsKeyArn : null;
  void (async () => {
    try {
      const tally = report
        ? await auditReport(
            client,
            report,
            (bytesRead, rows) => {
              scan.reportBytesRead = bytesRead;
              scan.scanned = scan.listed = rows;
            },
            () => entry.cancelled,
          )
        : await headScan(entry, client, bucket, defaultKey, concurrency);
      Object.assign(scan, tally.totals(), { prefixes: tally.prefixes(), scanned: tally.rows });
      if (report) scan.listed = tally.rows;
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

async function headScan(
  entry: { scan: ObjectScan; cancelled: boolean },
  client: ReturnType<typeof s3Client>,
  bucket: string,
  defaultKey: string | null,
  concurrency: number,
): Promise<ReportTally> {
  const { scan } = entry;
  const tally = new ReportTally();
  const objects = await listObjects(client, bucket, "", scan.sampleSize ?? undefined);
  scan.listed = objects.length;
  await mapLimit(objects, concurrency, async (o) => {
    if (entry.cancelled) return;
    const head = await headObjectFacts(client, bucket, o.key);
    const category = categorizeObject(head.encryption, defaultKey);
    const slash = o.key.indexOf("/");
    const group = tally.group(slash < 0 ? "" : o.key.slice(0, slash));
    const i = objectCategories.indexOf(category);
    group.counts[i]!++;
    group.bytes[i]! += head.size ?? o.size;
    tally.rows++;
    scan.distribution[category] += 1;
    scan.scanned += 1;
  });
  return tally;
}
