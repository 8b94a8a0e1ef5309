import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  GetBucketInventoryConfigurationCommand,
  GetBucketPolicyCommand,
  PutBucketEncryptionCommand,
  type InventoryConfiguration,
  type InventoryOptionalField,
} from "@aws-sdk/client-s3";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { csvRow, parquetFileSchema } from "@/scripts/inventory-report-format";
import { inventorySetupSchema, inventoryStatusSchema } from "@/lib/contracts/object-inventory";
import { objectScanSchema } from "@/lib/contracts/objects";
import { apiRequest, createBucket, errorOf, jsonOf, routeContext, testKms, testS3, uniqueName } from "./helpers";
import { configureInventory, csvFile, mixedRows, putReport } from "./object-inventory-report";

// The audit from S3 Inventory against real-format reports written into moto's S3 (moto delivers
// none), and the inventory configuration the console proposes, applied to moto and read back.

const dir = mkdtempSync(path.join(tmpdir(), "bkc-objinv-"));
process.env.CONSOLE_DATA_DIR = dir;
const scanRoute = await import("@/app/api/buckets/[name]/objects/scan/route");
const inventoryRoute = await import("@/app/api/buckets/[name]/objects/inventory/route");
const reviewRoute = await import("@/app/api/buckets/[name]/objects/inventory/review/route");

async function kmsBucket() {
  const bucket = uniqueName("inv");
  await createBucket(bucket);
  const keyArn = (await testKms().send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await testS3().send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn } }],
      },
    }),
  );
  const destination = uniqueName("inv-dest");
  await createBucket(destination);
  return { bucket, destination, keyArn };
}

/** Starts the audit and waits for it to end: its final state. */
async function scan(bucket: string, body: Record<string, unknown> = {}) {
  const res = await scanRoute.POST(
    apiRequest(`/api/buckets/${bucket}/objects/scan`, { method: "POST", body }),
    routeContext({ name: bucket }),
  );
  await jsonOf(res, objectScanSchema);
  for (let i = 0; i < 200; i++) {
    const now = await jsonOf(
      await scanRoute.GET(apiRequest(`/api/buckets/${bucket}/objects/scan`), routeContext({ name: bucket })),
      objectScanSchema,
    );
    if (now.state !== "running") return now;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("scan did not finish");
}

const date = new Date("2026-12-01T01:00:00.000Z");

test("the audit reads the latest CSV report by default: counts and bytes exact against the rows written", async () => {
  const { bucket, destination } = await kmsBucket();
  await configureInventory(bucket, destination);
  const rows = mixedRows(2500);
  // An older report with other numbers: the newest one is read.
  await putReport({
    bucket,
    destination,
    date: new Date("2026-11-30T01:00:00Z"),
    files: [{ name: "old.csv.gz", body: csvFile(bucket, rows.slice(0, 7)) }],
  });
  await putReport({
    bucket,
    destination,
    date,
    files: [
      { name: "a.csv.gz", body: csvFile(bucket, rows.slice(0, 1000)) },
      { name: "b.csv.gz", body: csvFile(bucket, rows.slice(1000)) },
    ],
  });
  const body = await scan(bucket);
  assert.equal(body.state, "done", body.error ?? undefined);
  assert.equal(body.source, "inventory");
  assert.equal(body.reportDate, date.toISOString());
  assert.equal(body.scanned, 2500);
  const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
  const bytes = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((s, r) => s + r.size, 0);
  const withBk = (r: (typeof rows)[number]) => r.encryptionStatus === "SSE-KMS" && r.bucketKeyStatus === "ENABLED";
  const withoutBk = (r: (typeof rows)[number]) => r.encryptionStatus === "SSE-KMS" && r.bucketKeyStatus === "DISABLED";
  assert.equal(body.distribution["SSE-KMS with Bucket Key"], count(withBk));
  assert.equal(body.distribution["SSE-KMS without Bucket Key"], count(withoutBk));
  assert.equal(
    body.distribution["SSE-S3"],
    count((r) => r.encryptionStatus === "SSE-S3"),
  );
  assert.equal(
    body.distribution["Unencrypted or SSE-C"],
    count((r) => r.encryptionStatus === "NOT-SSE"),
  );
  assert.equal(body.bytes["SSE-KMS without Bucket Key"], bytes(withoutBk));
  assert.deepEqual(
    body.prefixes.map((p) => [p.prefix, p.objects]),
    [
      ["logs", 1250],
      ["media files", 1250],
    ],
  );
});

test("a Parquet report (written by DuckDB) counts the same", async () => {
  const { bucket, destination } = await kmsBucket();
  await configureInventory(bucket, destination, "Parquet");
  const rows = mixedRows(1200);
  const csvPath = path.join(dir, `${bucket}.csv.gz`);
  const parquetPath = path.join(dir, `${bucket}.parquet`);
  const { writeFileSync } = await import("node:fs");
  // Parquet keys are plain (only CSV's are URL-encoded): DuckDB decodes them while converting.
  writeFileSync(csvPath, csvFile(bucket, rows));
  const db = await (await DuckDBInstance.create()).connect();
  await db.run(
    `COPY (SELECT column0 AS bucket, url_decode(replace(column1, '+', ' ')) AS key, column2::BIGINT AS size,
       column3 AS last_modified_date, column4 AS e_tag, column5 AS storage_class, column6 AS encryption_status,
       NULLIF(column7, '') AS bucket_key_status
     FROM read_csv('${csvPath}', header = false, all_varchar = true)) TO '${parquetPath}' (FORMAT parquet, ROW_GROUP_SIZE 500)`,
  );
  db.closeSync();
  await putReport({
    bucket,
    destination,
    date,
    format: "Parquet",
    fileSchema: parquetFileSchema,
    files: [{ name: "a.parquet", body: readFileSync(parquetPath) }],
  });
  const body = await scan(bucket, { source: "inventory" });
  assert.equal(body.state, "done", body.error ?? undefined);
  assert.equal(body.scanned, 1200);
  assert.equal(
    body.distribution["SSE-KMS without Bucket Key"],
    rows.filter((r) => r.encryptionStatus === "SSE-KMS" && r.bucketKeyStatus === "DISABLED").length,
  );
  assert.equal(body.distribution["SSE-S3"], 240);
  assert.deepEqual(body.prefixes.map((p) => p.prefix).sort(), ["logs", "media files"]);
});

test("a truncated data file fails the audit with a clear error; nothing partial is shown as done", async () => {
  const { bucket, destination } = await kmsBucket();
  await configureInventory(bucket, destination);
  const whole = csvFile(bucket, mixedRows(3000));
  await putReport({
    bucket,
    destination,
    date,
    files: [{ name: "cut.csv.gz", body: whole.subarray(0, whole.length - 100) }],
  });
  const body = await scan(bucket);
  assert.equal(body.state, "failed");
  assert.match(body.error ?? "", /cut\.csv\.gz is not a complete gzip file .*truncated or damaged/);
});

test("a wrong schema: a report without the encryption fields says what to add; ORC says which format to choose", async () => {
  const { bucket, destination } = await kmsBucket();
  await configureInventory(bucket, destination);
  await putReport({
    bucket,
    destination,
    date,
    fileSchema: "Bucket, Key, Size",
    files: [{ name: "a.csv.gz", body: gzipSync(`"${bucket}","a","1"\n`) }],
  });
  const res = await scanRoute.POST(
    apiRequest(`/api/buckets/${bucket}/objects/scan`, { method: "POST", body: { source: "inventory" } }),
    routeContext({ name: bucket }),
  );
  const err = await errorOf(res, 422, "check_failed");
  assert.match(
    err.message,
    /has no EncryptionStatus, BucketKeyStatus fields.*add Size, Encryption status and Bucket Key status/,
  );

  const orc = await kmsBucket();
  await configureInventory(orc.bucket, orc.destination, "ORC");
  await putReport({ bucket: orc.bucket, destination: orc.destination, date, format: "ORC", files: [] });
  const status = await jsonOf(
    await inventoryRoute.GET(
      apiRequest(`/api/buckets/${orc.bucket}/objects/inventory`),
      routeContext({ name: orc.bucket }),
    ),
    inventoryStatusSchema,
  );
  assert.equal(status.report, null);
  assert.match(
    status.problem ?? "",
    /writes ORC, which the console does not read: change its format to CSV .* or Parquet/,
  );
});

test("rows that do not follow the manifest's fileSchema fail with the file and row", async () => {
  const { bucket, destination } = await kmsBucket();
  await configureInventory(bucket, destination);
  const good = csvRow(bucket, { key: "a", size: 1, encryptionStatus: "SSE-KMS", bucketKeyStatus: "DISABLED" });
  await putReport({
    bucket,
    destination,
    date,
    files: [{ name: "x.csv.gz", body: gzipSync(`${good}"${bucket}","b","2","STANDARD"\n`) }],
  });
  const body = await scan(bucket);
  assert.equal(body.state, "failed");
  assert.match(body.error ?? "", /x\.csv\.gz, row 2 has 4 fields where its manifest's fileSchema names 8/);
});

test("no inventory: the review shows the exact request and destination policy; apply writes both", async () => {
  const { bucket, destination } = await kmsBucket();
  const inventoryStatus = async () =>
    jsonOf(
      await inventoryRoute.GET(apiRequest(`/api/buckets/${bucket}/objects/inventory`), routeContext({ name: bucket })),
      inventoryStatusSchema,
    );
  const before = await inventoryStatus();
  assert.match(before.problem ?? "", /has no S3 Inventory configuration/);
  const setup = { destinationBucket: destination, format: "CSV", prefix: "reports" };
  const review = await jsonOf(
    await reviewRoute.POST(
      apiRequest(`/api/buckets/${bucket}/objects/inventory/review`, { method: "POST", body: setup }),
      routeContext({ name: bucket }),
    ),
    inventorySetupSchema,
  );
  assert.equal(review.applied, false);
  // The contract carries the request as S3's own shape, unchecked: read it as the SDK types it.
  const inventory = review.request.InventoryConfiguration as InventoryConfiguration;
  const statement = review.destinationStatement as { Condition: { ArnLike: unknown } };
  assert.equal(inventory.Schedule?.Frequency, "Daily");
  assert.deepEqual(inventory.Destination?.S3BucketDestination, {
    AccountId: "123456789012",
    Bucket: `arn:aws:s3:::${destination}`,
    Format: "CSV",
    Prefix: "reports",
  });
  for (const f of ["Size", "EncryptionStatus", "BucketKeyStatus"])
    assert.ok(inventory.OptionalFields?.includes(f as InventoryOptionalField));
  assert.deepEqual(statement.Condition.ArnLike, { "aws:SourceArn": `arn:aws:s3:::${bucket}` });
  assert.match(review.firstReport, /within 48 hours/);
  await assert.rejects(
    testS3().send(new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: "bucket-key-console" })),
  );

  const res = await inventoryRoute.PUT(
    apiRequest(`/api/buckets/${bucket}/objects/inventory`, { method: "PUT", body: setup }),
    routeContext({ name: bucket }),
  );
  await jsonOf(res, inventorySetupSchema);
  const stored = await testS3().send(
    new GetBucketInventoryConfigurationCommand({ Bucket: bucket, Id: "bucket-key-console" }),
  );
  assert.equal(stored.InventoryConfiguration?.Destination?.S3BucketDestination?.Bucket, `arn:aws:s3:::${destination}`);
  assert.equal(stored.InventoryConfiguration?.Schedule?.Frequency, "Daily");
  const policy = JSON.parse((await testS3().send(new GetBucketPolicyCommand({ Bucket: destination }))).Policy!);
  assert.deepEqual(policy.Statement, [review.destinationStatement]);
  const after = await inventoryStatus();
  assert.match(
    after.problem ?? "",
    /"bucket-key-console" has delivered no report yet: the first arrives within 48 hours/,
  );
});
