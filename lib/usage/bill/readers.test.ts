import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { parquetMetadata } from "hyparquet";
import { AppError } from "@/lib/contracts/errors";
import { boundedCompressors } from "@/lib/runtime/parquet-columns";
import { csvGzExportFile, parquetExportFile, type ExportLine } from "@/scripts/data-export-format";
import type { BillFold } from "./fold";
import { foldCsvBill } from "./csv-bill";
import { foldParquetBill } from "./parquet-bill";

const key = "arn:aws:kms:eu-west-1:222233334444:key/0f1e2d3c-aaaa-bbbb-cccc-000000000001";
const at = (iso: string) => new Date(iso);
const kms = (patch: Partial<ExportLine>): ExportLine => ({
  lineItemType: "Usage",
  usageStart: at("2026-11-03T05:00:00Z"),
  account: "222233334444",
  productCode: "awskms",
  usageType: "eu-west-1-KMS-Requests",
  operation: "GenerateDataKey",
  resourceId: key,
  usageAmount: 1000,
  unblendedCost: 0.003,
  ...patch,
});
const lines: ExportLine[] = [
  kms({}),
  kms({ usageStart: at("2026-11-03T06:00:00Z"), usageAmount: 500, unblendedCost: 0.0015 }),
  kms({ operation: "Decrypt", usageAmount: 2000, unblendedCost: 0.006 }),
  kms({ usageStart: at("2026-11-04T00:00:00Z"), usageAmount: 10, unblendedCost: 0.00003 }),
  kms({ usageType: "eu-west-1-KMS-Keys", operation: "", resourceId: key, usageAmount: 0.03, unblendedCost: 0.03 }),
  kms({ usageType: "eu-west-1-KMS-Requests-Asymmetric", operation: "Sign", usageAmount: 7, unblendedCost: 0.00105 }),
  kms({ usageType: "eu-west-1-KMS-Mystery", operation: "Decrypt", usageAmount: 3, unblendedCost: 0.1 }),
  kms({ productCode: "AmazonS3", usageType: "EUW1-Requests-Tier1", operation: "PutObject", resourceId: "b" }),
];

function summary(fold: BillFold) {
  const rows = [...fold.rows.values()].map(
    (r) => `${r.day} ${r.requestClass} ${r.operation} ${r.requests} ${r.costUnits}`,
  );
  return {
    rows: rows.sort(),
    unclassified: [...fold.unclassified.values()].map((u) => `${u.usageType} ${u.lines} ${u.costUnits} ${u.reason}`),
    lines: fold.lines,
    kmsLines: fold.kmsLines,
    keyStorageLines: fold.keyStorageLines,
  };
}

const expected = {
  rows: [
    "2026-11-03 asymmetric Sign 7 10500000",
    "2026-11-03 symmetric Decrypt 2000 60000000",
    "2026-11-03 symmetric GenerateDataKey 1500 45000000",
    "2026-11-04 symmetric GenerateDataKey 10 300000",
  ],
  unclassified: ["eu-west-1-KMS-Mystery 1 1000000000 usage type eu-west-1-KMS-Mystery is not a KMS pattern"],
  lines: 8,
  kmsLines: 7,
  keyStorageLines: 1,
};

test("a Parquet export file folds into KMS request rows per day, kind and operation; unknown KMS lines kept", async () => {
  const bytes = parquetExportFile(lines);
  const file = { byteLength: bytes.byteLength, slice: async (s: number, e?: number) => bytes.slice(s, e).buffer };
  assert.deepEqual(summary(await foldParquetBill(file, "x.parquet")), expected);
});

test("the same lines as gzip CSV fold to the same figures", async () => {
  assert.deepEqual(summary(await foldCsvBill(Readable.from([csvGzExportFile(lines)]), "x.csv.gz")), expected);
});

test("CSV: quoted fields with commas, quotes and newlines; chunks cut anywhere", async () => {
  const header =
    "line_item_product_code,line_item_usage_type,line_item_operation,line_item_resource_id," +
    "line_item_usage_amount,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_account_id,product";
  const row =
    `awskms,eu-west-1-KMS-Requests,Decrypt,${key},4,0.000012,2026-11-05T00:00:00Z,222233334444,` +
    `"{""a"": ""x,\ny""}"`;
  const gz = gzipSync(`${header}\r\n${row}\r\n${row}`);
  const pieces = [...gz].map((b) => Buffer.from([b]));
  const s = summary(await foldCsvBill(Readable.from(pieces), "cut.csv.gz"));
  assert.deepEqual(s.rows, ["2026-11-05 symmetric Decrypt 8 240000"]);
});

test("bad input: missing columns, a damaged Parquet, a truncated gzip, a bad number", async () => {
  await assert.rejects(
    foldCsvBill(Readable.from([gzipSync("line_item_product_code,line_item_usage_type\nawskms,x\n")]), "few.csv.gz"),
    /few.csv.gz has no column line_item_operation, .*not a CUR 2.0 export/,
  );
  const bytes = parquetExportFile(lines).slice(0, 200);
  const file = { byteLength: bytes.byteLength, slice: async (s: number, e?: number) => bytes.slice(s, e).buffer };
  await assert.rejects(foldParquetBill(file, "cut.parquet"), /cut.parquet is not a readable Parquet file/);
  const gz = csvGzExportFile(lines);
  await assert.rejects(foldCsvBill(Readable.from([gz.subarray(0, gz.length - 30)]), "t.csv.gz"), /not a complete gzip/);
  const bad = csvGzExportFile([kms({ unblendedCost: Number.NaN })]);
  await assert.rejects(foldCsvBill(Readable.from([bad]), "nan.csv.gz"), /nan.csv.gz, line 2: usage amount/);
});

test("an export without resource ids folds into account-region totals (key '')", async () => {
  const bytes = parquetExportFile([kms({})], { resourceIds: false });
  const file = { byteLength: bytes.byteLength, slice: async (s: number, e?: number) => bytes.slice(s, e).buffer };
  const fold = await foldParquetBill(file, "noids.parquet");
  assert.deepEqual(
    [...fold.rows.values()].map((r) => [r.keyArn, r.region, r.requests]),
    [["", "eu-west-1", 1000]],
  );
});

// Files × caps: a file from the export's bucket is anyone's with write access to it. Each over-cap file is refused
// with an error naming the file and the limit, before its fold is returned (so nothing of it can be stored).
const bigString = "x".repeat(4 * 2 ** 20);
const limits = { fileBytes: 2 ** 30, pageBytes: 2 ** 20, groupRows: 8 * 2 ** 20, lineBytes: 64 * 1024 };
const asFile = (bytes: Uint8Array) => ({
  byteLength: bytes.byteLength,
  slice: async (s: number, e?: number) => bytes.slice(s, e).buffer,
});

test("caps: a Parquet page of a few KiB that inflates to 4 MiB is refused at a 1 MiB page cap", async () => {
  // Row group 1 is an ordinary KMS line (folded first); row group 2's operation inflates to 4 MiB.
  const bytes = parquetExportFile([kms({}), kms({ operation: bigString })], { gzip: true, rowGroupSize: 1 });
  assert.ok(bytes.byteLength < 64 * 1024, `the crafted file is small (${bytes.byteLength} bytes)`);
  await assert.rejects(
    foldParquetBill(asFile(bytes), "s3://b/bomb.parquet", limits),
    (err: Error) =>
      /s3:\/\/b\/bomb\.parquet has a page of more than 1 MiB, the limit \(CONSOLE_MAX_PARQUET_PAGE_MB, decompressed\)/.test(
        err.message,
      ) && /nothing of it was stored/.test(err.message),
  );
});

test("caps: a page that declares 1 TiB is refused before anything is allocated for it", () => {
  const compressors = boundedCompressors(
    { pageBytes: 2 ** 20, fileBytes: 2 ** 30 },
    (cap) => new AppError("check_failed", cap),
  );
  // Allocating what the header declares would throw a RangeError (or exhaust memory) rather than this refusal.
  for (const codec of ["SNAPPY", "GZIP"] as const)
    assert.throws(() => compressors[codec]!(new Uint8Array(16), 2 ** 40), { message: "pageBytes" });
});

test("caps: a row group of more rows than the group cap is refused before it is read", async () => {
  const bytes = parquetExportFile(Array.from({ length: 10 }, () => kms({})));
  await assert.rejects(
    foldParquetBill(asFile(bytes), "s3://b/rows.parquet", { ...limits, groupRows: 9 }),
    (err: Error) =>
      err.message.startsWith(
        "s3://b/rows.parquet has a row group of more than 9 rows, the limit (CONSOLE_MAX_PARQUET_GROUP_ROWS)",
      ) && /nothing of it was stored/.test(err.message),
  );
  assert.equal((await foldParquetBill(asFile(bytes), "rows.parquet", { ...limits, groupRows: 10 })).kmsLines, 10);
});

/** A 10-line export file, and where its product code column's chunk (a dictionary page first) starts. */
function tenLinesAndProductCodeChunk() {
  const bytes = parquetExportFile(Array.from({ length: 10 }, () => kms({})));
  const chunk = parquetMetadata(bytes.buffer as ArrayBuffer).row_groups[0]!.columns.find(
    (c) => c.meta_data?.path_in_schema[0] === "line_item_product_code",
  )!.meta_data!;
  return { bytes, start: Number(chunk.dictionary_page_offset) };
}

test("a page stating more values than its row group has rows is a damaged file, refused before it is decoded", async () => {
  // A run-length-encoded page of a few bytes may state a billion values; here the product code's dictionary page, in
  // a 10-row group, states 63 (its header's num_values, Thrift compact: struct field 7 `0x4c`, then field 1 `0x15`
  // and zigzag 1 = `0x02`).
  const { bytes, start } = tenLinesAndProductCodeChunk();
  const at = bytes.findIndex((b, i) => i > start && b === 0x4c && bytes[i + 1] === 0x15 && bytes[i + 2] === 0x02);
  assert.ok(at > start && at < start + 16, "the product code's dictionary page header is found");
  bytes[at + 2] = 0x7e; // zigzag 63, still one byte: every offset stays true
  await assert.rejects(
    foldParquetBill(asFile(bytes), "s3://b/states.parquet", limits),
    (err: Error) =>
      err instanceof AppError &&
      err.message.startsWith(
        "s3://b/states.parquet is not a readable Parquet file (a page states 63 values in a row group of 10 rows)",
      ),
  );
});

test("a page stating a negative size is a damaged file (the header walk cannot go back over itself)", async () => {
  // The product code's dictionary page header: type `15 04`, sizes `15 14` and `15 18` (zigzag 12); `17` is -12.
  const { bytes, start } = tenLinesAndProductCodeChunk();
  assert.deepEqual([...bytes.subarray(start, start + 6)], [0x15, 0x04, 0x15, 0x14, 0x15, 0x18]);
  bytes[start + 5] = 0x17;
  await assert.rejects(
    foldParquetBill(asFile(bytes), "s3://b/back.parquet", limits),
    (err: Error) =>
      err instanceof AppError &&
      err.message.startsWith("s3://b/back.parquet is not a readable Parquet file (a page states -12 bytes)"),
  );
});

test("caps: pages within the page cap but over the file's decompressed cap are refused", async () => {
  const many = Array.from({ length: 40 }, (_, i) => kms({ operation: `${i}`.padEnd(64 * 1024, "y") }));
  const bytes = parquetExportFile(many, { gzip: true, rowGroupSize: 1 });
  await assert.rejects(
    foldParquetBill(asFile(bytes), "s3://b/many.parquet", { ...limits, fileBytes: 2 ** 20 }),
    /s3:\/\/b\/many\.parquet holds more than 1 MiB, the limit \(CONSOLE_MAX_BILL_FILE_MB, decompressed\)/,
  );
});

test("caps: a gzip CSV over the decompressed cap, and a line over the line cap (no newline), are refused", async () => {
  const big = Readable.from([csvGzExportFile(Array.from({ length: 5000 }, () => kms({})))]);
  await assert.rejects(
    foldCsvBill(big, "s3://b/big.csv.gz", { ...limits, fileBytes: 2 ** 20 }),
    /s3:\/\/b\/big\.csv\.gz holds more than 1 MiB, the limit \(CONSOLE_MAX_BILL_FILE_MB, decompressed\)/,
  );
  const gz = gzipSync(" ".repeat(10 * 2 ** 20));
  const chunks = Array.from({ length: Math.ceil(gz.length / 7) }, (_, i) => gz.subarray(i * 7, i * 7 + 7));
  await assert.rejects(
    foldCsvBill(Readable.from(chunks), "s3://b/line.csv.gz", limits),
    /s3:\/\/b\/line\.csv\.gz, line 1, has a line of more than 65536 bytes, the limit \(CONSOLE_MAX_CSV_LINE_KB\)/,
  );
});

test("caps: a quoted field's newline does not end the line for the line cap; a row at the cap is read", async () => {
  const header =
    "line_item_product_code,line_item_usage_type,line_item_operation,line_item_resource_id," +
    "line_item_usage_amount,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_account_id,product";
  const row = (product: string) =>
    `awskms,eu-west-1-KMS-Requests,Decrypt,${key},4,0.000012,2026-11-05T00:00:00Z,222233334444,"${product}"`;
  const fits = row("a\n".repeat(100));
  const small = { ...limits, lineBytes: fits.length };
  const ok = await foldCsvBill(Readable.from([gzipSync(`${header}\n${fits}\n`)]), "fits.csv.gz", small);
  assert.equal(ok.kmsLines, 1);
  await assert.rejects(
    foldCsvBill(Readable.from([gzipSync(`${header}\n${row("a\n".repeat(101))}\n`)]), "long.csv.gz", small),
    /long\.csv\.gz, line 2, has a line of more than/,
  );
});
