import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { mapLimit } from "@/lib/server/concurrency";
import { aggregateRecords, MalformedLogFile, parseLogFileBody } from "./aggregate";
import { commitFiles, ingestedFiles, recordIngestError } from "@/lib/usage/store/usage-store";

// The ingestion core for log files, whatever holds them (the trail's S3 bucket, or a local
// folder in the benchmark): skip what has a receipt with the same ETag, gunzip and parse
// the rest with bounded concurrency (gunzip runs on libuv's thread pool, so it overlaps
// with JSON parsing on the main thread), and commit each file with its receipt.

const gunzipAsync = promisify(gunzip);

export type LogFile = { key: string; etag: string };

export type IngestProgress = { filesDone: number; filesTotal: number; events: number; ignored: number; errors: number };

type IngestFilesOptions = {
  source: string;
  /** The account whose trail wrote the files. */
  account: string;
  read: (file: LogFile) => Promise<Buffer>;
  /** Sees each file's records before its usage is committed (the inventory notes S3 management events). */
  onRecords?: (records: readonly unknown[]) => void;
  concurrency?: number;
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

  await mapLimit(todo, options.concurrency ?? 8, async (file) => {
    try {
      const records = parseLogFileBody(await gunzipText(await options.read(file)));
      options.onRecords?.(records);
      const aggregate = aggregateRecords(records);
      commitFiles([
        { receipt: { key: file.key, etag: file.etag, source: options.source, account: options.account }, aggregate },
      ]);
      progress.events += aggregate.events;
      progress.ignored += aggregate.ignored;
    } catch (err) {
      recordIngestError(file.key, file.etag, reasonOf(err));
      progress.errors++;
    }
    progress.filesDone++;
    options.onProgress?.({ ...progress });
  });
  return progress;
}

async function gunzipText(body: Buffer): Promise<string> {
  try {
    return (await gunzipAsync(body)).toString("utf8");
  } catch (err) {
    throw new MalformedLogFile(
      `not a complete gzip file (${err instanceof Error ? err.message : "gunzip failed"}); the file may be truncated`,
    );
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof MalformedLogFile) return err.message;
  return `could not be read: ${err instanceof Error ? err.message : String(err)}`;
}
