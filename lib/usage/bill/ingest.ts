import "server-only";
import { paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import { AppError } from "@/lib/contracts/errors";
import { billSourceSchema, type BillSource, type BillStatus } from "@/lib/contracts/bill";
import { s3Client } from "@/lib/aws/clients";
import { bucketRegion } from "@/lib/aws/bucket-region";
import { awsCallError } from "@/lib/aws/send";
import { readSmallObject, s3DataFiles, type DataFiles } from "@/lib/aws/s3-files";
import { serverEnv } from "@/lib/runtime/env";
import { processWide } from "@/lib/runtime/process-wide";
import {
  billErrors,
  billPeriods,
  billReceipts,
  clearBillErrors,
  commitBillFile,
  dropStaleFiles,
  recordBillError,
  unclassifiedLines,
} from "@/lib/usage/store/bill-store";
import { readSetting, writeSetting } from "@/lib/usage/store/settings";
import { foldCsvBill } from "./csv-bill";
import { monthsInRange, parseExportManifest, type ExportManifest } from "./export-manifest";
import { foldParquetBill } from "./parquet-bill";
import { overLimit, type BillLimits } from "./limits";
import { ingestBillThroughAthena } from "./athena-bill";

// Reads the bill: for each month in range, the export's Manifest.json under
// <prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/, then each data file it names whose ETag
// has no receipt yet, one at a time (memory holds one file's fold), each committed with its
// receipt. A file that fails is recorded with its reason and the others go on; what was read
// stays. A month's files that its newest manifest no longer names are dropped only once every
// file it does name is read, so a failed refresh never leaves a month with less than before.

type RunState = {
  running: boolean;
  progress: { filesDone: number; filesTotal: number } | null;
  lastRun: BillStatus["lastRun"];
  missingMonths: BillStatus["missingMonths"];
};

// One per process: the Settings route starts a run and the Reports route reads its progress.
const state = processWide<RunState>("BillIngest", () => ({
  running: false,
  progress: null,
  lastRun: null,
  missingMonths: [],
}));

const settingName = "bill-source";

/** The source Settings names, else CONSOLE_BILL_SOURCE's (three months), else none. */
export function readBillSource(): BillSource | null {
  const raw = readSetting(settingName);
  if (raw) {
    const parsed = billSourceSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  }
  const configured = serverEnv().billSource;
  if (!configured) return null;
  const [, bucket, path] = /^s3:\/\/([^/]+)\/(.+)$/.exec(configured)!;
  const slash = path!.lastIndexOf("/");
  return {
    bucket: bucket!,
    prefix: slash < 0 ? "" : path!.slice(0, slash),
    exportName: path!.slice(slash + 1),
    months: 3,
  };
}

export function saveBillSource(source: BillSource): BillSource {
  writeSetting(settingName, JSON.stringify(source));
  return source;
}

export function billStatus(): BillStatus {
  return {
    source: readBillSource(),
    running: state.running,
    progress: state.progress,
    lastRun: state.lastRun,
    periods: billPeriods(),
    missingMonths: state.missingMonths,
    errors: billErrors(),
    unclassified: unclassifiedLines(),
  };
}

const exportBase = (s: BillSource) => `${s.prefix ? `${s.prefix}/` : ""}${s.exportName}`;

function missingMessage(period: string, current: string, base: string): string {
  return period === current
    ? `No export for ${period} yet: Data Exports delivers a month's first files within 24 hours of its start. ` +
        "Read the bill again tomorrow."
    : `No export for ${period} under ${base}/metadata/: the export did not exist then, or its files were deleted. ` +
        "Ask AWS Support for a backfill of the export for that month, then read the bill again.";
}

async function readManifest(s3: S3Client, bucket: string, key: string): Promise<ExportManifest | null> {
  const where = `s3://${bucket}/${key}`;
  const limit = serverEnv().limits.manifestBytes;
  const text = await readSmallObject(s3, bucket, key, limit, () =>
    overLimit(where, "is", limit, "CONSOLE_MAX_MANIFEST_MB"),
  );
  return text === null ? null : parseExportManifest(text, where);
}

/** Each data file under the month's data folder with its ETag and size (the manifest names keys only). */
async function listDataFiles(s3: S3Client, bucket: string, prefix: string) {
  const out = new Map<string, { etag: string; size: number }>();
  try {
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix }))
      for (const o of page.Contents ?? []) if (o.Key && o.ETag) out.set(o.Key, { etag: o.ETag, size: o.Size ?? 0 });
  } catch (err) {
    throw awsCallError(err, "ListObjectsV2", bucket);
  }
  return out;
}

export type BillRunResult = NonNullable<BillStatus["lastRun"]>;

/** Reads the months in range; throws only when the export cannot be reached at all. */
export async function ingestBill(source: BillSource, now = new Date()): Promise<BillRunResult> {
  const s3 = s3Client(await bucketRegion(source.bucket).catch((err) => Promise.reject(sourceError(source, err))));
  const files = s3DataFiles(s3, source.bucket);
  const base = exportBase(source);
  const months = monthsInRange(now, source.months);
  const receipts = billReceipts();
  const result: BillRunResult = {
    at: now.toISOString(),
    filesRead: 0,
    filesUnchanged: 0,
    filesDropped: 0,
    error: null,
  };
  const missing: BillStatus["missingMonths"] = [];
  const plans: { period: string; manifest: ExportManifest; listed: Map<string, { etag: string; size: number }> }[] = [];
  for (const period of months) {
    const manifestKey = `${base}/metadata/BILLING_PERIOD=${period}/${source.exportName}-Manifest.json`;
    let manifest: ExportManifest | null;
    try {
      manifest = await readManifest(s3, source.bucket, manifestKey);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "check_failed") throw sourceError(source, err);
      recordBillError(`s3://${source.bucket}/${manifestKey}`, period, err.message);
      continue;
    }
    if (!manifest) {
      missing.push({ period, message: missingMessage(period, months.at(-1)!, `s3://${source.bucket}/${base}`) });
      continue;
    }
    clearBillErrors(period);
    plans.push({
      period,
      manifest,
      listed: await listDataFiles(s3, source.bucket, `${base}/data/BILLING_PERIOD=${period}/`),
    });
  }
  if (plans.length === 0 && missing.length === months.length)
    throw new AppError(
      "not_found",
      `No Data Export manifest under s3://${source.bucket}/${base}/metadata/ for ${months[0]} to ${months.at(-1)}: ` +
        "check the bucket, prefix and export name in Settings (the export's S3 delivery options show them).",
    );
  state.missingMonths = missing;
  state.progress = { filesDone: 0, filesTotal: plans.reduce((n, p) => n + p.manifest.files.length, 0) };
  for (const plan of plans) {
    let complete = true;
    for (const f of plan.manifest.files) {
      const name = `s3://${f.bucket}/${f.key}`;
      const listed = f.bucket === source.bucket ? plan.listed.get(f.key) : undefined;
      state.progress.filesDone++;
      if (!listed) {
        complete = false;
        recordBillError(
          name,
          plan.period,
          "named by its month's manifest but not in the bucket: the export is " +
            "being rewritten or the file was deleted. Read the bill again after the export's next refresh.",
        );
        continue;
      }
      if (receipts.get(name) === listed.etag) {
        result.filesUnchanged++;
        continue;
      }
      try {
        const fold = await readFile(files, f, listed, name);
        commitBillFile({ key: name, etag: listed.etag, period: plan.period }, fold);
        result.filesRead++;
      } catch (err) {
        complete = false;
        recordBillError(name, plan.period, err instanceof Error ? err.message : String(err));
      }
    }
    if (complete)
      result.filesDropped += dropStaleFiles(
        plan.period,
        plan.manifest.files.map((f) => `s3://${f.bucket}/${f.key}`),
      );
  }
  return result;
}

function readFile(
  files: DataFiles,
  f: ExportManifest["files"][number],
  listed: { etag: string; size: number },
  name: string,
) {
  const { billFileBytes, parquetPageBytes, parquetGroupRows, csvLineBytes } = serverEnv().limits;
  const limits: BillLimits = {
    fileBytes: billFileBytes,
    pageBytes: parquetPageBytes,
    groupRows: parquetGroupRows,
    lineBytes: csvLineBytes,
  };
  // Compressed, a file is smaller than decompressed: one larger than the cap is not read at all.
  if (listed.size > limits.fileBytes)
    return Promise.reject(overLimit(name, "is", limits.fileBytes, "CONSOLE_MAX_BILL_FILE_MB"));
  return f.format === "parquet"
    ? foldParquetBill(files.ranges(f.key, listed.size, listed.etag), name, limits)
    : files.stream(f.key, listed.etag).then((body) => foldCsvBill(body, name, limits));
}

function sourceError(source: BillSource, err: unknown): AppError {
  const base = err instanceof AppError ? err : awsCallError(err, "ListObjectsV2", source.bucket);
  return new AppError(
    base.code,
    `The Data Export's bucket ${source.bucket} cannot be read: ${base.message} Check the bucket in Settings and ` +
      "that the console may read it (s3:GetObject, s3:ListBucket).",
  );
}

/** Starts a run in the background (one at a time); the status shows its progress and outcome. */
export function startBillIngest(): { started: boolean } {
  const source = readBillSource();
  if (!source)
    throw new AppError("invalid_input", "No Data Export is named yet: set its bucket, prefix and name in Settings.");
  if (state.running) return { started: false };
  state.running = true;
  state.progress = { filesDone: 0, filesTotal: 0 };
  // An export too large for one machine is read through its Athena table instead of its files (athena-bill.ts).
  const run = source.athena
    ? ingestBillThroughAthena(source.athena, monthsInRange(new Date(), source.months)).then((r) => {
        state.missingMonths = r.missing;
        return r.result;
      })
    : ingestBill(source);
  void run
    .then((r) => (state.lastRun = r))
    .catch((err: unknown) => {
      state.lastRun = {
        at: new Date().toISOString(),
        filesRead: 0,
        filesUnchanged: 0,
        filesDropped: 0,
        error: err instanceof Error ? err.message : String(err),
      };
    })
    .finally(() => {
      state.running = false;
      state.progress = null;
    });
  return { started: true };
}
