import "server-only";
import type { BatchResult } from "./parse-file";
import { defaultParseThreads, ParsePool } from "./parse-pool";
import { ingestedFiles, recordIngestError, type CountedReceipt } from "@/lib/usage/store/receipts";
import { commitFiles } from "@/lib/usage/store/writes";
import { inParallel } from "@/lib/runtime/concurrency";
import type { BucketEvent } from "@/lib/contracts/bucket-management-events";
import { serverEnv } from "@/lib/runtime/env";

// The ingestion core for log files, whatever holds them (the trail's S3 bucket, or a local
// folder in the benchmark): skip what has a receipt with the same ETag, read the rest a batch
// at a time, parse each batch in a worker thread (parse-pool.ts) into one aggregate, and commit
// it with the receipts of the batch's good files here, on the one writer, in one transaction:
// a crash before a commit leaves neither. Files are taken in key order (CloudTrail's keys sort
// by time), so a batch's files share their hours and their rows are stored once.

export type LogFile = { key: string; etag: string };

export type IngestProgress = { filesDone: number; filesTotal: number; events: number; ignored: number; errors: number };

type IngestFilesOptions = {
  source: string;
  /** The account whose trail wrote the files. */
  account: string;
  read: (file: LogFile) => Promise<Uint8Array>;
  /** Sees each file's S3 bucket events before its usage is committed (the inventory re-reads those buckets). */
  onBucketEvents?: (events: readonly BucketEvent[]) => void;
  /** Files per batch at most; batches shrink when their rows would make a long commit. */
  filesPerBatch?: number;
  /** What one file may hold decompressed (CONSOLE_MAX_LOG_FILE_MB by default); a larger one is that file's error. */
  maxFileBytes?: number;
  /** Worker threads parsing files; one per core by default. */
  threads?: number;
  onProgress?: (p: IngestProgress) => void;
};

/** About this many stored rows per commit keeps each one to a few milliseconds of the main thread. */
const rowsPerCommit = 6_000;

const rowsOf = ({ usage }: BatchResult) =>
  usage.rows.length + usage.principals.length + usage.slots.length + usage.minutes.length;

export async function ingestLogFiles(files: readonly LogFile[], options: IngestFilesOptions): Promise<IngestProgress> {
  const known = ingestedFiles();
  const todo: LogFile[] = [];
  const progress: IngestProgress = { filesDone: 0, filesTotal: 0, events: 0, ignored: 0, errors: 0 };
  for (const file of files) {
    const etag = known.get(file.key);
    if (etag === undefined) todo.push(file);
    else if (etag !== file.etag) {
      // CloudTrail never rewrites a delivered file; counting a changed one again would double it.
      recordIngestError(
        file.key,
        file.etag,
        "changed after it was ingested (different ETag); left out so its requests are not counted twice",
      );
      progress.errors++;
    }
  }
  todo.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  progress.filesTotal = todo.length;
  options.onProgress?.({ ...progress });
  if (todo.length === 0) return progress;

  const failed = (file: LogFile, reason: string) => {
    recordIngestError(file.key, file.etag, reason);
    progress.errors++;
  };
  const maxBatch = options.filesPerBatch ?? 8;
  let batchSize = maxBatch;
  const threads = options.threads ?? defaultParseThreads();
  const pool = new ParsePool(threads);

  /** Reads, parses and commits one batch; a file that cannot be read or parsed is recorded and left out. */
  async function ingestBatch(batch: LogFile[]): Promise<void> {
    const bodies = await Promise.all(
      batch.map((file) =>
        options.read(file).catch((err: unknown) => {
          failed(file, `could not be read: ${err instanceof Error ? err.message : String(err)}`);
          return null;
        }),
      ),
    );
    const readable = batch.filter((_, i) => bodies[i] !== null);
    const result = await pool.parse(
      bodies.filter((b) => b !== null),
      {
        maxBytes: options.maxFileBytes ?? serverEnv().limits.logFileBytes,
        // The demo's records may each stand for many calls (record.ts's demoCallsOf): honoured from an emulator only.
        demoCalls: serverEnv().emulator,
      },
    );
    const receipts: CountedReceipt[] = [];
    result.files.forEach((outcome, i) => {
      const file = readable[i]!;
      if (!outcome.ok) return failed(file, outcome.malformed ? outcome.error : `could not be read: ${outcome.error}`);
      options.onBucketEvents?.(outcome.bucketEvents);
      const { events, ignored } = outcome;
      receipts.push({
        key: file.key,
        etag: file.etag,
        source: options.source,
        account: options.account,
        events,
        ignored,
      });
    });
    if (receipts.length > 0) commitBatch(result, receipts);
    // The next batches hold about rowsPerCommit rows: hours apart, files share few rows.
    batchSize = Math.max(
      1,
      Math.min(maxBatch, Math.round((batch.length * rowsPerCommit) / Math.max(1, rowsOf(result)))),
    );
    progress.filesDone += batch.length;
    options.onProgress?.({ ...progress });
  }

  function commitBatch(result: BatchResult, receipts: CountedReceipt[]): void {
    try {
      commitFiles(result.usage, receipts);
      for (const r of receipts) {
        progress.events += r.events;
        progress.ignored += r.ignored;
      }
    } catch (err) {
      for (const r of receipts) failed(r, `could not be stored: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  try {
    // One batch more than threads: the next batch is read while the others are parsed.
    await inParallel(threads + 1, async () => {
      while (todo.length > 0) await ingestBatch(todo.splice(0, batchSize));
    });
  } finally {
    await pool.close();
  }
  return progress;
}
