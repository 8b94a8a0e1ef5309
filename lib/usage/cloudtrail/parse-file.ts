// One log file, from its gzipped bytes to what the writer commits (pure; runs in a worker thread,
// so it imports nothing that needs the server). The result is an object with one property per
// per-file extraction: a new pass over the same records (S3 management events, say) adds its
// property here and its commit beside the usage aggregate's in ingest-files.ts, in the same
// transaction as the file's receipt.
import { gunzipSync } from "node:zlib";
import { aggregateRecords, MalformedLogFile, parseLogFileBody, type FileAggregate } from "./aggregate";
import { bucketEventsOf, type BucketEvent } from "./management-events";

/** `bucketEvents`: the S3 bucket-level management events the inventory re-reads buckets for. */
export type FileResult = { usage: FileAggregate; bucketEvents: BucketEvent[] };

export function parseLogFile(body: Uint8Array): FileResult {
  let text: string;
  try {
    text = gunzipSync(body).toString("utf8");
  } catch (err) {
    throw new MalformedLogFile(
      `not a complete gzip file (${err instanceof Error ? err.message : "gunzip failed"}); the file may be truncated`,
    );
  }
  const records = parseLogFileBody(text);
  return { usage: aggregateRecords(records), bucketEvents: bucketEventsOf(records) };
}
