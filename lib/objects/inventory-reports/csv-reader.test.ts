import assert from "node:assert/strict";
import { test } from "node:test";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { reportColumns } from "./schema";
import { ReportTally } from "./tally";
import { tallyCsvReport } from "./csv-reader";

const schema = "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass, EncryptionStatus, BucketKeyStatus";
const columns = reportColumns("CSV", schema, "test report");
const row = (key: string, size: number, enc: string, bk: string) =>
  `"src","${key}","${size}","2026-11-30T01:00:00.000Z","etag","STANDARD","${enc}","${bk}"\n`;

async function tally(csv: string | Buffer, cols = columns): Promise<ReportTally> {
  const t = new ReportTally();
  const bytes = typeof csv === "string" ? gzipSync(csv) : csv;
  // Tiny chunks: rows and fields split across chunk boundaries must count the same.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
  await tallyCsvReport(Readable.from(chunks), cols, t, "data/file.csv.gz");
  return t;
}

test("counts objects and bytes per encryption category and per top-level prefix (URL-encoded keys)", async () => {
  const t = await tally(
    row("logs%2Fa+b.gz", 10, "SSE-KMS", "DISABLED") +
      row("logs%2Fc.gz", 20, "SSE-KMS", "ENABLED") +
      row("media%2Fx.png", 300, "SSE-S3", "") +
      row("top.txt", 4, "NOT-SSE", "") +
      row("old%20files/y", 5, "DSSE-KMS", "") +
      row("sec%2Fz", 6, "SSE-C", ""),
  );
  const { distribution, bytes } = t.totals();
  assert.equal(t.rows, 6);
  assert.equal(distribution["SSE-KMS without Bucket Key"], 1);
  assert.equal(distribution["SSE-KMS with Bucket Key"], 1);
  assert.equal(distribution["SSE-S3"], 1);
  assert.equal(distribution["DSSE-KMS"], 1);
  assert.equal(distribution["Unencrypted or SSE-C"], 2);
  assert.equal(bytes["SSE-S3"], 300);
  assert.deepEqual(
    t.prefixes().map((p) => [p.prefix, p.objects]),
    [
      ["logs", 2],
      ["", 1],
      ["media", 1],
      ["old files", 1],
      ["sec", 1],
    ],
  );
});

test("an all-versions report counts current versions only and skips delete markers", async () => {
  const cols = reportColumns(
    "CSV",
    "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, EncryptionStatus, BucketKeyStatus",
    "r",
  );
  const t = await tally(
    `"src","a","v2","true","false","1","SSE-KMS","ENABLED"\n` +
      `"src","a","v1","false","false","1","SSE-KMS","DISABLED"\n` +
      `"src","b","v3","true","true","","",""\n`,
    cols,
  );
  assert.equal(t.rows, 1);
  assert.equal(t.totals().distribution["SSE-KMS with Bucket Key"], 1);
});

test("a truncated gzip file is a clear error, not a partial count", async () => {
  const whole = gzipSync(row("a", 1, "SSE-KMS", "DISABLED").repeat(1000));
  await assert.rejects(tally(whole.subarray(0, whole.length - 20)), {
    code: "check_failed",
    message: /data\/file\.csv\.gz is not a complete gzip file .*truncated or damaged/,
  });
});

test("rows that do not match the manifest's fileSchema are a clear error", async () => {
  await assert.rejects(tally(`"src","a","1","STANDARD"\n`), {
    code: "check_failed",
    message: /row 1 has 4 fields where its manifest's fileSchema names 8/,
  });
  await assert.rejects(tally(row("a", 1, "STANDARD", "")), {
    code: "check_failed",
    message: /row 1: EncryptionStatus is "STANDARD".*does not match its manifest's fileSchema/,
  });
});

test("a report without the encryption fields names what to add to the configuration", () => {
  assert.throws(() => reportColumns("CSV", "Bucket, Key, Size", "The report of 2026-12-01"), {
    code: "check_failed",
    message: /has no EncryptionStatus, BucketKeyStatus fields .*add Size, Encryption status and Bucket Key status/,
  });
});
