import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
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
