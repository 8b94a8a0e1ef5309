// Log files, from their gzipped bytes to what the writer commits (pure; runs in a worker thread,
// so it imports nothing that needs the server). A batch of files is folded into one aggregate:
// CloudTrail delivers a file about every five minutes, so the files of one hour share most rows,
// and the writer then stores each row once per batch. Each file still has its own outcome: a bad
// file adds nothing, the others are counted.
import { isAscii } from "node:buffer";
import { gunzipSync } from "node:zlib";
import { MalformedLogFile, parseLogFileBody, UsageFold, type FileAggregate } from "./aggregate";
import { parseCloudTrailRecord, parseRecordFields, type ParsedRecord } from "./cloudtrail-record";
import { bucketEventsOf, mayBeBucketEvent, parseBucketEvent, type BucketEvent } from "./management-events";
import { scanLogFile, ScanFailed } from "./record-scanner";

/** `bucketEvents`: the S3 bucket-level management events the inventory re-reads buckets for. */
export type FileOutcome =
  | { ok: true; events: number; ignored: number; bucketEvents: BucketEvent[] }
  | { ok: false; error: string; malformed: boolean };

export type BatchResult = { usage: FileAggregate; files: FileOutcome[] };

/**
 * gzip's last 4 bytes give the uncompressed size (mod 2^32): one output chunk of that size spares
 * zlib growing and joining 16 KiB ones. A wrong size only costs that saving.
 */
function outputChunk(body: Uint8Array): number {
  const size =
    body.length >= 18 ? Buffer.from(body.buffer, body.byteOffset, body.length).readUInt32LE(body.length - 4) : 0;
  return Math.min(Math.max(size + 1, 64 * 1024), 256 * 1024 * 1024);
}

function textOf(body: Uint8Array): string {
  try {
    const bytes = gunzipSync(body, { chunkSize: outputChunk(body) });
    // Decoding UTF-8 costs more than gunzip; plain ASCII (nearly every log file) decodes as latin1, byte for byte.
    return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  } catch (err) {
    throw new MalformedLogFile(
      `not a complete gzip file (${err instanceof Error ? err.message : "gunzip failed"}); the file may be truncated`,
    );
  }
}

type ParsedFile = { records: ParsedRecord[]; bucketEvents: BucketEvent[] };

/** The fast path: the scanner's fields, and JSON.parse only for the records that may be bucket events. */
function scanned(text: string): ParsedFile {
  const records: ParsedRecord[] = [];
  const bucketEvents: BucketEvent[] = [];
  scanLogFile(text, (fields, start, end) => {
    if (mayBeBucketEvent(fields.eventSource, fields.eventName)) {
      const event = parseBucketEvent(JSON.parse(text.slice(start, end)));
      if (event) bucketEvents.push(event);
    }
    records.push(parseRecordFields(fields));
  });
  return { records, bucketEvents };
}

/** One file's records, all or none: a file that fails part-way adds nothing to the batch. */
function parseFile(body: Uint8Array): ParsedFile {
  const text = textOf(body);
  try {
    return scanned(text);
  } catch (err) {
    if (!(err instanceof ScanFailed)) throw err;
    // JSON.parse says what is wrong with the text (MalformedLogFile), or reads valid JSON the scan did not expect.
    const records = parseLogFileBody(text);
    return { records: records.map(parseCloudTrailRecord), bucketEvents: bucketEventsOf(records) };
  }
}

export function parseLogFiles(bodies: readonly Uint8Array[]): BatchResult {
  const fold = new UsageFold();
  const files = bodies.map((body): FileOutcome => {
    try {
      const { records, bucketEvents } = parseFile(body);
      const before = fold.counts();
      for (const record of records) fold.add(record);
      const after = fold.counts();
      return { ok: true, events: after.events - before.events, ignored: after.ignored - before.ignored, bucketEvents };
    } catch (err) {
      return {
        ok: false,
        error: err instanceof Error ? err.message : String(err),
        malformed: err instanceof MalformedLogFile,
      };
    }
  });
  return { usage: fold.result(), files };
}

/** One file, for tests and tools: its aggregate and bucket events; throws what the batch would record. */
export function parseLogFile(body: Uint8Array): { usage: FileAggregate; bucketEvents: BucketEvent[] } {
  const { usage, files } = parseLogFiles([body]);
  const file = files[0]!;
  if (!file.ok) throw file.malformed ? new MalformedLogFile(file.error) : new Error(file.error);
  return { usage, bucketEvents: file.bucketEvents };
}
