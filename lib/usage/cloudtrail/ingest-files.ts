import "server-only";
import { mapLimit } from "@/lib/server/concurrency";
import { MalformedLogFile } from "./aggregate";
import type { FileResult } from "./parse-file";
import { ParsePool } from "./parse-pool";
import { commitFiles, ingestedFiles, recordIngestError, type FileReceipt } from "@/lib/usage/store/usage-store";
import type { BucketEvent } from "./management-events";

// The ingestion core for log files, whatever holds them (the trail's S3 bucket, or a local
// folder in the benchmark): skip what has a receipt with the same ETag, read the rest with
// bounded concurrency, parse each in a worker thread (parse-pool.ts), and commit each file's
// results with its receipt here, on the one writer: a crash before a commit leaves neither.

export type LogFile = { key: string; etag: string };

export type IngestProgress = { filesDone: number; filesTotal: number; events: number; ignored: number; errors: number };

type IngestFilesOptions = {
  source: string;
  /** The account whose trail wrote the files. */
  account: string;
  read: (file: LogFile) => Promise<Uint8Array>;
  /** Sees each file's S3 bucket events before its usage is committed (the inventory re-reads those buckets). */
  onBucketEvents?: (events: readonly BucketEvent[]) => void;
  concurrency?: number;
  /** Worker threads parsing files; one per core by default. */
  threads?: number;
  onProgress?: (p: IngestProgress) => void;
};

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
  progress.filesTotal = todo.length;
  options.onProgress?.({ ...progress });

  if (todo.length === 0) return progress;
  const pool = new ParsePool(options.threads);
  try {
    await mapLimit(todo, options.concurrency ?? 8, async (file) => {
      try {
        const result = await pool.parse(await options.read(file));
        options.onBucketEvents?.(result.bucketEvents);
        commitParsedFile({ key: file.key, etag: file.etag, source: options.source, account: options.account }, result);
        progress.events += result.usage.events;
        progress.ignored += result.usage.ignored;
      } catch (err) {
        recordIngestError(file.key, file.etag, reasonOf(err));
        progress.errors++;
      }
      progress.filesDone++;
      options.onProgress?.({ ...progress });
    });
  } finally {
    await pool.close();
  }
  return progress;
}

/** Everything one file yields, with its receipt, in one transaction. */
function commitParsedFile(receipt: FileReceipt, result: FileResult): void {
  commitFiles([{ receipt, aggregate: result.usage }]);
}

function reasonOf(err: unknown): string {
  if (err instanceof MalformedLogFile) return err.message;
  return `could not be read: ${err instanceof Error ? err.message : String(err)}`;
}
