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

// Files × caps: a file over its decompressed cap or with a line over the line cap is an error naming the file and
// the limit; at the cap it counts. The line cap holds however the line is cut into chunks (7-byte chunks here).
const limitCases: {
  name: string;
  csv: () => string;
  limits: { fileBytes: number; lineBytes: number };
  error?: RegExp;
}[] = [
  { name: "a normal file", csv: () => row("a", 1, "SSE-S3", ""), limits: { fileBytes: 4096, lineBytes: 512 } },
  {
    name: "a file over the decompressed cap",
    csv: () => row("a", 1, "SSE-S3", "").repeat(100),
    limits: { fileBytes: 4096, lineBytes: 512 },
    error: /^data\/file\.csv\.gz holds more than 4096 bytes, the limit \(CONSOLE_MAX_INVENTORY_FILE_MB, decompressed\)/,
  },
  {
    name: "a line of whitespace longer than the line cap, no newline",
    csv: () => " ".repeat(10_000),
    limits: { fileBytes: 2 ** 20, lineBytes: 512 },
    error: /^data\/file\.csv\.gz, row 1, has a line of more than 512 bytes, the limit \(CONSOLE_MAX_CSV_LINE_KB\)/,
  },
  {
    name: "a long line after good rows",
    csv: () => row("a", 1, "SSE-S3", "") + row("x".repeat(600), 1, "SSE-S3", ""),
    limits: { fileBytes: 2 ** 20, lineBytes: 512 },
    error: /row 2, has a line of more than 512 bytes/,
  },
  {
    name: "a line exactly at the line cap",
    csv: () => row("k".repeat(512 - row("", 1, "SSE-S3", "").length + 1), 1, "SSE-S3", ""),
    limits: { fileBytes: 2 ** 20, lineBytes: 512 },
  },
];
for (const c of limitCases) {
  test(`limits: ${c.name}`, async () => {
    const t = new ReportTally();
    const bytes = gzipSync(c.csv());
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const run = tallyCsvReport(Readable.from(chunks), columns, t, "data/file.csv.gz", () => {}, c.limits);
    if (c.error) await assert.rejects(run, (err: Error & { code?: string }) => c.error!.test(err.message));
    else {
      await run;
      assert.equal(t.rows, 1);
    }
  });
}
