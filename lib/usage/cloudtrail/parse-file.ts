// Log files, from their gzipped bytes to what the writer commits (pure; runs in a worker thread,
// so it imports nothing that needs the server). A batch of files is folded into one aggregate:
// CloudTrail delivers a file about every five minutes, so the files of one hour share most rows,
// and the writer then stores each row once per batch. Each file still has its own outcome: a bad
// file adds nothing, the others are counted.
import { isAscii } from "node:buffer";
import { gunzipSync } from "node:zlib";
import { MalformedLogFile, parseLogFileBody, UsageFold, type FileAggregate } from "./aggregate";
import { demoCallsOf, parseCloudTrailRecord } from "./record";
import type { BucketEvent } from "@/lib/contracts/bucket-management-events";
import { bucketEventsOf } from "./management-events";

/** `bucketEvents`: the S3 bucket-level management events the inventory re-reads buckets for. */
type FileOutcome =
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
  // Capped: a corrupt size must not make every worker allocate gigabytes up front.
  return Math.min(Math.max(size + 1, 64 * 1024), 64 * 1024 * 1024);
}

/** The default of CONSOLE_MAX_LOG_FILE_MB: a CloudTrail file (about five minutes of one region) is far smaller. */
const defaultMaxLogFileBytes = 100 * 2 ** 20;

function textOf(body: Uint8Array, maxBytes: number): string {
  let bytes: Buffer;
  try {
    // zlib stops at maxOutputLength: a small gzip that inflates to gigabytes costs at most the cap.
    bytes = gunzipSync(body, { chunkSize: Math.min(outputChunk(body), maxBytes + 1), maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      const mib = Math.round((maxBytes / 2 ** 20) * 10) / 10;
      throw new MalformedLogFile(
        `larger than ${mib} MiB once decompressed, the limit for one log file (CONSOLE_MAX_LOG_FILE_MB); left out`,
      );
    }
    throw new MalformedLogFile(
      `not a complete gzip file (${err instanceof Error ? err.message : "gunzip failed"}); the file may be truncated`,
    );
  }
  // Decoding UTF-8 costs more than gunzip; plain ASCII (nearly every log file) decodes as latin1, byte for byte.
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/** `demoCalls`: count a record as the calls it says it stands for (the demo's files, read from an emulator only). */
export type ParseOptions = { maxBytes?: number; demoCalls?: boolean };

export function parseLogFiles(bodies: readonly Uint8Array[], options: ParseOptions = {}): BatchResult {
  const { maxBytes = defaultMaxLogFileBytes, demoCalls = false } = options;
  const fold = new UsageFold();
  const files = bodies.map((body): FileOutcome => {
    let records: unknown[];
    try {
      records = parseLogFileBody(textOf(body, maxBytes));
    } catch (err) {
      return {
        ok: false,
        error: err instanceof Error ? err.message : String(err),
        malformed: err instanceof MalformedLogFile,
      };
    }
    // The file is parsed whole before any of it is folded, so a bad file adds nothing.
    const before = fold.counts();
    for (const record of records) fold.add(parseCloudTrailRecord(record), demoCalls ? demoCallsOf(record) : 1);
    const after = fold.counts();
    const [events, ignored] = [after.events - before.events, after.ignored - before.ignored];
    return { ok: true, events, ignored, bucketEvents: bucketEventsOf(records) };
  });
  return { usage: fold.result(), files };
}
