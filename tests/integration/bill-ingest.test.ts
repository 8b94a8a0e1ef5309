import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { billStatusSchema, billSourceResponseSchema } from "@/lib/contracts/bill";
import { monthsInRange } from "@/lib/usage/bill/export-manifest";
import {
  csvGzExportFile,
  exportLocation,
  exportManifest,
  parquetExportFile,
  type ExportLine,
} from "@/scripts/data-export-format";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, testS3, uniqueName } from "./helpers";

// The KMS bill from a Data Export written in the real format (Parquet and gzip CSV, manifest per
// month) into moto's S3 (moto has no Data Exports), read through the routes the UI uses, with the
// bad input the issue names: no export, another manifest schema, a file that fails to parse, a
// month missing, a file named but absent, a month restated, and reruns that must not double-count.

const dir = mkdtempSync(path.join(tmpdir(), "bkc-bill-"));
process.env.CONSOLE_DATA_DIR = dir;
// Small caps for the hostile-file test (the ordinary files here are far below them).
process.env.CONSOLE_MAX_PARQUET_PAGE_MB = "1";
process.env.CONSOLE_MAX_MANIFEST_MB = "1";
const sourceRoute = await import("@/app/api/settings/bill-source/route");
const billRoute = await import("@/app/api/bill/route");
const { billKeyDays } = await import("@/lib/usage/store/bill-store");

const account = "444455556666";
const keyA = `arn:aws:kms:eu-west-1:${account}:key/aaaaaaaa-0000-0000-0000-000000000001`;
const keyB = `arn:aws:kms:us-east-1:${account}:key/bbbbbbbb-0000-0000-0000-000000000002`;
const [oldMonth, lastMonth, thisMonth] = monthsInRange(new Date(), 3) as [string, string, string];
const s3 = testS3();

const line = (day: string, patch: Partial<ExportLine>): ExportLine => ({
  lineItemType: "Usage",
  usageStart: new Date(`${day}T03:00:00Z`),
  account,
  productCode: "awskms",
  usageType: "eu-west-1-KMS-Requests",
  operation: "Decrypt",
  resourceId: keyA,
  usageAmount: 10_000,
  unblendedCost: 0.03,
  ...patch,
});

async function put(bucket: string, key: string, body: Uint8Array | string) {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

async function putMonth(bucket: string, period: string, parts: { format: "parquet" | "csv"; lines: ExportLine[] }[]) {
  const loc = exportLocation("billing/cur2", "kms-bill", period);
  const keys = parts.map((p, i) => loc.dataKey(i + 1, p.format));
  for (const [i, p] of parts.entries())
    await put(bucket, keys[i]!, p.format === "parquet" ? parquetExportFile(p.lines) : csvGzExportFile(p.lines));
  await put(bucket, loc.manifestKey, exportManifest({ bucket, exportName: "kms-bill", dataKeys: keys }));
  return keys;
}

async function readBill() {
  await jsonOf(await billRoute.POST(apiRequest("/api/bill", { method: "POST" }), routeContext()), billStatusSchema);
  for (let i = 0; i < 400; i++) {
    const status = await jsonOf(await billRoute.GET(apiRequest("/api/bill"), routeContext()), billStatusSchema);
    if (!status.running) return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the bill read did not finish");
}

const putSource = (body: unknown) =>
  sourceRoute.PUT(apiRequest("/api/settings/bill-source", { method: "PUT", body }), routeContext());
const saveSource = async (body: unknown) => jsonOf(await putSource(body), billSourceResponseSchema);

const totals = (key: string) =>
  billKeyDays("2000-01-01", "2999-12-31", undefined, key).reduce(
    (t, d) => ({
      requests: t.requests + d.requests,
      costUnits: t.costUnits + d.costUnits,
      other: t.other + d.otherRequests,
    }),
    { requests: 0, costUnits: 0, other: 0 },
  );

test("no export named, a bad name, a bucket that does not exist: each says what to do", async () => {
  await errorOf(
    await billRoute.POST(apiRequest("/api/bill", { method: "POST" }), routeContext()),
    400,
    "invalid_input",
  );
  const bad = await errorOf(
    await putSource({ bucket: "x", prefix: "", exportName: "a b", months: 3 }),
    400,
    "invalid_input",
  );
  assert.match(bad.message, /bucket|export/i);
  await saveSource({ bucket: uniqueName("nobill"), prefix: "", exportName: "kms-bill", months: 3 });
  const status = await readBill();
  assert.match(status.lastRun?.error ?? "", /bucket .* cannot be read: .*Check the bucket in Settings/);
  const empty = uniqueName("bill-empty");
  await createBucket(empty);
  await saveSource({ bucket: empty, prefix: "billing/cur2", exportName: "kms-bill", months: 3 });
  assert.match((await readBill()).lastRun?.error ?? "", /No Data Export manifest under .* check the bucket, prefix/);
});

test("Parquet and gzip CSV months read per key and day; reruns, restatements and bad files", async () => {
  const bucket = uniqueName("bill");
  await createBucket(bucket);
  const lastDay = `${lastMonth}-10`;
  const thisDay = `${thisMonth}-01`;
  const lastKeys = await putMonth(bucket, lastMonth, [
    {
      format: "parquet",
      lines: [
        line(lastDay, {}),
        line(lastDay, { operation: "GenerateDataKey", usageAmount: 5_000, unblendedCost: 0.015 }),
      ],
    },
    {
      format: "parquet",
      lines: [
        line(lastDay, {
          resourceId: keyB,
          usageType: "us-east-1-KMS-Requests",
          usageAmount: 2_000,
          unblendedCost: 0.006,
        }),
        line(lastDay, {
          usageType: "eu-west-1-KMS-Requests-Asymmetric",
          operation: "Sign",
          usageAmount: 30,
          unblendedCost: 0.0045,
        }),
        line(lastDay, { usageType: "eu-west-1-KMS-Keys", operation: "", usageAmount: 0.3, unblendedCost: 0.3 }),
        line(lastDay, { usageType: "eu-west-1-KMS-Vault", usageAmount: 1, unblendedCost: 0.5 }),
        line(lastDay, {
          productCode: "AmazonS3",
          usageType: "EUW1-Requests-Tier2",
          operation: "GetObject",
          resourceId: "b",
        }),
      ],
    },
  ]);
  await putMonth(bucket, thisMonth, [
    { format: "csv", lines: [line(thisDay, { usageAmount: 1_000, unblendedCost: 0.003 })] },
  ]);
  await saveSource({ bucket, prefix: "/billing/cur2/", exportName: "kms-bill", months: 3 });

  const first = await readBill();
  assert.equal(first.lastRun?.error, null);
  assert.deepEqual([first.lastRun?.filesRead, first.lastRun?.filesUnchanged], [3, 0]);
  assert.deepEqual(
    first.periods.map((p) => [p.period, p.files, p.lines, p.kmsLines]),
    [
      [lastMonth, 2, 7, 6],
      [thisMonth, 1, 1, 1],
    ],
  );
  assert.deepEqual(
    first.missingMonths.map((m) => m.period),
    [oldMonth],
  );
  assert.match(first.missingMonths[0]!.message, /Ask AWS Support for a backfill/);
  assert.deepEqual(
    first.unclassified.map((u) => [u.usageType, u.lines, u.costUsd]),
    [["eu-west-1-KMS-Vault", 1, 0.5]],
  );
  assert.deepEqual(totals(keyA), { requests: 16_000, costUnits: 480_000_000, other: 30 });
  assert.deepEqual(totals(keyB), { requests: 2_000, costUnits: 60_000_000, other: 0 });
  assert.deepEqual(
    billKeyDays(lastDay, lastDay, [account], keyA).map((d) => [d.day, d.region, d.requests]),
    [[lastDay, "eu-west-1", 15_000]],
  );

  const again = await readBill();
  assert.deepEqual([again.lastRun?.filesRead, again.lastRun?.filesUnchanged], [0, 3]);
  assert.deepEqual(totals(keyA), { requests: 16_000, costUnits: 480_000_000, other: 30 });

  // Data Exports refreshes the month: part 1 rewritten (new ETag) replaces what it gave, never adds to it.
  await put(bucket, lastKeys[0]!, parquetExportFile([line(lastDay, { usageAmount: 12_000, unblendedCost: 0.036 })]));
  const restated = await readBill();
  assert.deepEqual([restated.lastRun?.filesRead, restated.lastRun?.filesUnchanged], [1, 2]);
  assert.deepEqual(totals(keyA), { requests: 13_000, costUnits: 390_000_000, other: 30 });

  // A damaged part and a part the manifest names but the bucket lacks: named, and what was read stays.
  const loc = exportLocation("billing/cur2", "kms-bill", lastMonth);
  const damaged = loc.dataKey(3, "parquet");
  await put(bucket, damaged, parquetExportFile([line(lastDay, {})]).slice(0, 300));
  const absent = loc.dataKey(4, "csv");
  await put(
    bucket,
    loc.manifestKey,
    exportManifest({ bucket, exportName: "kms-bill", dataKeys: [...lastKeys, damaged, absent] }),
  );
  const bad = await readBill();
  assert.deepEqual(
    bad.errors.map((e) => [e.file.split("/").pop(), e.period]),
    [
      [damaged.split("/").pop(), lastMonth],
      [absent.split("/").pop(), lastMonth],
    ],
  );
  assert.match(bad.errors[0]!.reason, /not a readable Parquet file/);
  assert.match(bad.errors[1]!.reason, /not in the bucket/);
  assert.deepEqual(totals(keyA), { requests: 13_000, costUnits: 390_000_000, other: 30 });

  // The month's newest manifest names one new file only: once it is read, the old parts are dropped.
  const only = loc.dataKey(9, "csv");
  await put(bucket, only, csvGzExportFile([line(lastDay, { usageAmount: 4_000, unblendedCost: 0.012 })]));
  await put(bucket, loc.manifestKey, exportManifest({ bucket, exportName: "kms-bill", dataKeys: [only] }));
  const replaced = await readBill();
  assert.deepEqual([replaced.lastRun?.filesRead, replaced.lastRun?.filesDropped], [1, 2]);
  assert.deepEqual(replaced.errors, []);
  assert.deepEqual(totals(keyA), { requests: 5_000, costUnits: 150_000_000, other: 0 });
  assert.deepEqual(totals(keyB), { requests: 0, costUnits: 0, other: 0 });

  // A legacy CUR manifest for a month is another schema: named, and the month's figures stay.
  await put(
    bucket,
    exportLocation("billing/cur2", "kms-bill", thisMonth).manifestKey,
    JSON.stringify({
      assemblyId: "abc",
      reportKeys: ["x.csv.gz"],
      columns: [{ category: "lineItem", name: "UsageType" }],
    }),
  );
  const legacy = await readBill();
  assert.equal(legacy.errors.length, 1);
  assert.match(legacy.errors[0]!.reason, /legacy Cost and Usage Report manifest .* Create a Data Export of CUR 2.0/);
  assert.deepEqual(totals(keyA), { requests: 5_000, costUnits: 150_000_000, other: 0 });
});

test("hostile files: a Parquet page that inflates past its cap and an oversized manifest are errors; the rest counts", async () => {
  const bucket = uniqueName("bill-bomb");
  await createBucket(bucket);
  const keyC = `arn:aws:kms:eu-west-1:${account}:key/cccccccc-0000-0000-0000-000000000003`;
  const day = `${lastMonth}-12`;
  const loc = exportLocation("billing/cur2", "kms-bill", lastMonth);
  const good = loc.dataKey(1, "csv");
  await put(bucket, good, csvGzExportFile([line(day, { resourceId: keyC, usageAmount: 7, unblendedCost: 0.000021 })]));
  // A few KiB in S3: row group 1 an ordinary line (folded before the bad page is met), row group 2 a 4 MiB page.
  const bomb = loc.dataKey(2, "parquet");
  const bombLines = [
    line(day, { resourceId: keyC }),
    line(day, { resourceId: keyC, operation: "x".repeat(4 * 2 ** 20) }),
  ];
  await put(bucket, bomb, parquetExportFile(bombLines, { gzip: true, rowGroupSize: 1 }));
  await put(bucket, loc.manifestKey, exportManifest({ bucket, exportName: "kms-bill", dataKeys: [good, bomb] }));
  const big = exportLocation("billing/cur2", "kms-bill", oldMonth).manifestKey;
  await put(bucket, big, " ".repeat(2 ** 20 + 1));
  await saveSource({ bucket, prefix: "billing/cur2", exportName: "kms-bill", months: 3 });
  const status = await readBill();
  // (The previous test's error for this month stays: this source has no manifest for it.)
  const errors = status.errors.filter((e) => e.file.startsWith(`s3://${bucket}/`));
  assert.deepEqual(
    errors.map((e) => [e.file, e.period]),
    [
      [`s3://${bucket}/${big}`, oldMonth],
      [`s3://${bucket}/${bomb}`, lastMonth],
    ],
  );
  assert.match(errors[0]!.reason, /is more than 1 MiB, the limit \(CONSOLE_MAX_MANIFEST_MB\)/);
  assert.match(
    errors[1]!.reason,
    /has a page of more than 1 MiB, the limit \(CONSOLE_MAX_PARQUET_PAGE_MB, decompressed\): nothing of it was stored/,
  );
  assert.equal(status.lastRun?.filesRead, 1);
  // The good file's 7 requests, and none of the bad file's (not even its first row group).
  assert.deepEqual(totals(keyC), { requests: 7, costUnits: 210_000, other: 0 });
});
