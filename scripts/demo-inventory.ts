// The demo's S3 Inventory: bkc-demo-legacy-exports gets objects with a history (most written
// without a Bucket Key, some with, some SSE-S3 from before the default changed), an inventory
// configuration, and the report S3 would have delivered for exactly those objects, in the real
// format, in the trail's log bucket (moto stores the configuration but delivers no reports).
import { gzipSync } from "node:zlib";
import {
  GetBucketPolicyCommand,
  PutBucketInventoryConfigurationCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { inventoryDestinationStatement, withInventoryStatement } from "../lib/objects/inventory-reports/setup-request";
import { csvFileSchema, csvRow, inventoryManifest, reportLocation, type InventoryRow } from "./inventory-report-format";

export const inventorySource = "bkc-demo-legacy-exports";
const configId = "daily-encryption";
const prefix = "inventory";

/** 40 objects under exports/, archive/ and reports/: 26 SSE-KMS without a Bucket Key, 8 with, 6 SSE-S3. */
function historyObjects(): InventoryRow[] {
  return Array.from({ length: 40 }, (_, i) => {
    const folder = ["exports", "exports", "archive", "reports"][i % 4]!;
    const encryptionStatus = i % 20 >= 17 ? "SSE-S3" : "SSE-KMS";
    const bucketKeyStatus = encryptionStatus === "SSE-S3" ? "" : i % 5 === 1 ? "ENABLED" : "DISABLED";
    return {
      key: `${folder}/2026-${String((i % 12) + 1).padStart(2, "0")} part ${i}.csv`,
      size: 0,
      encryptionStatus,
      bucketKeyStatus,
    };
  });
}

export async function seedDemoInventory(s3: S3Client, keyArn: string, account: string, destination: string) {
  const rows = historyObjects();
  for (const r of rows) {
    const body = `export ${r.key}\n${"row,".repeat(200 + rows.indexOf(r) * 13)}`;
    r.size = Buffer.byteLength(body);
    await s3.send(
      new PutObjectCommand({
        Bucket: inventorySource,
        Key: r.key,
        Body: body,
        ...(r.encryptionStatus === "SSE-S3"
          ? { ServerSideEncryption: "AES256" }
          : {
              ServerSideEncryption: "aws:kms",
              SSEKMSKeyId: keyArn,
              BucketKeyEnabled: r.bucketKeyStatus === "ENABLED",
            }),
      }),
    );
  }
  // The demo objects writeObjects() put there too: SSE-KMS without a Bucket Key.
  for (const key of ["demo/object-1.json", "demo/object-2.json"])
    rows.push({
      key,
      size: JSON.stringify({ bucket: inventorySource, object: Number(key.at(-6)) }).length,
      encryptionStatus: "SSE-KMS",
      bucketKeyStatus: "DISABLED",
    });
  rows.sort((a, b) => a.key.localeCompare(b.key));

  // The log bucket's policy keeps its CloudTrail statements and gains the one S3 Inventory needs.
  const setup = { destinationBucket: destination, format: "CSV" as const, prefix };
  const existing = (await s3.send(new GetBucketPolicyCommand({ Bucket: destination }))).Policy ?? null;
  const policy = withInventoryStatement(existing, inventoryDestinationStatement(inventorySource, account, setup));
  await s3.send(new PutBucketPolicyCommand({ Bucket: destination, Policy: JSON.stringify(policy) }));
  await s3.send(
    new PutBucketInventoryConfigurationCommand({
      Bucket: inventorySource,
      Id: configId,
      InventoryConfiguration: {
        Id: configId,
        IsEnabled: true,
        Destination: {
          S3BucketDestination: {
            AccountId: account,
            Bucket: `arn:aws:s3:::${destination}`,
            Format: "CSV",
            Prefix: prefix,
          },
        },
        IncludedObjectVersions: "Current",
        OptionalFields: ["Size", "LastModifiedDate", "ETag", "StorageClass", "EncryptionStatus", "BucketKeyStatus"],
        Schedule: { Frequency: "Daily" },
      },
    }),
  );
  // Today's report, delivered at 01:00 UTC like S3's daily reports.
  const date = new Date(`${new Date().toISOString().slice(0, 10)}T01:00:00.000Z`);
  const loc = reportLocation(prefix, inventorySource, configId, date);
  const file = {
    key: loc.dataKey("3f1c2a9e-demo.csv.gz"),
    body: gzipSync(rows.map((r) => csvRow(inventorySource, r)).join("")),
  };
  await s3.send(new PutObjectCommand({ Bucket: destination, Key: file.key, Body: file.body }));
  const manifest = inventoryManifest({
    sourceBucket: inventorySource,
    destinationBucket: destination,
    date,
    format: "CSV",
    fileSchema: csvFileSchema,
    files: [file],
  });
  await s3.send(
    new PutObjectCommand({
      Bucket: destination,
      Key: loc.manifestKey,
      Body: manifest,
      ContentType: "application/json",
    }),
  );
  return { objects: rows.length, manifestKey: loc.manifestKey };
}
