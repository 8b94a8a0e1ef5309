// One log file, from its gzipped bytes to what the writer commits (pure; runs in a worker thread,
// so it imports nothing that needs the server). The result is an object with one property per
// per-file extraction: a new pass over the same records (S3 management events, say) adds its
// property here and its commit beside the usage aggregate's in ingest-files.ts, in the same
// transaction as the file's receipt.
import { isAscii } from "node:buffer";
import { gunzipSync } from "node:zlib";
import { aggregateRecords, MalformedLogFile, parseLogFileBody, UsageFold, type FileAggregate } from "./aggregate";
import { parseRecordFields } from "./cloudtrail-record";
import { bucketEventsOf, mayBeBucketEvent, parseBucketEvent, type BucketEvent } from "./management-events";
import { scanLogFile, ScanFailed } from "./record-scanner";

/** `bucketEvents`: the S3 bucket-level management events the inventory re-reads buckets for. */
export type FileResult = { usage: FileAggregate; bucketEvents: BucketEvent[] };

export function parseLogFile(body: Uint8Array): FileResult {
  let text: string;
  try {
    const bytes = gunzipSync(body);
    // Decoding UTF-8 costs more than gunzip; plain ASCII (nearly every log file) decodes as latin1, byte for byte.
    text = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  } catch (err) {
    throw new MalformedLogFile(
      `not a complete gzip file (${err instanceof Error ? err.message : "gunzip failed"}); the file may be truncated`,
    );
  }
  try {
    return scanned(text);
  } catch (err) {
    if (!(err instanceof ScanFailed)) throw err;
    // JSON.parse says what is wrong with the text (MalformedLogFile), or reads valid JSON the scan did not expect.
    const records = parseLogFileBody(text);
    return { usage: aggregateRecords(records), bucketEvents: bucketEventsOf(records) };
  }
}

/** The fast path: the scanner's fields, and JSON.parse only for the records that may be bucket events. */
function scanned(text: string): FileResult {
  const fold = new UsageFold();
  const bucketEvents: BucketEvent[] = [];
  scanLogFile(text, (fields, start, end) => {
    if (mayBeBucketEvent(fields.eventSource, fields.eventName)) {
      const event = parseBucketEvent(JSON.parse(text.slice(start, end)));
      if (event) bucketEvents.push(event);
    }
    fold.add(parseRecordFields(fields));
  });
  return { usage: fold.result(), bucketEvents };
}
