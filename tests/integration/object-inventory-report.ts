// Writes a real-format S3 Inventory report into moto's S3 (moto delivers none), and configures
// the inventory itself (moto stores it, though it reads OptionalFields back garbled).
import { gzipSync } from "node:zlib";
import { PutBucketInventoryConfigurationCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import {
  csvFileSchema,
  csvRow,
  inventoryManifest,
  reportLocation,
  type InventoryRow,
} from "@/scripts/inventory-report-format";
import { testS3 } from "./helpers";

export async function configureInventory(
  bucket: string,
  destination: string,
  format: "CSV" | "Parquet" | "ORC" = "CSV",
) {
  await testS3().send(
    new PutBucketInventoryConfigurationCommand({
      Bucket: bucket,
      Id: "audit",
      InventoryConfiguration: {
        Id: "audit",
        IsEnabled: true,
        Destination: { S3BucketDestination: { Bucket: `arn:aws:s3:::${destination}`, Format: format, Prefix: "inv" } },
        IncludedObjectVersions: "Current",
        OptionalFields: ["Size", "EncryptionStatus", "BucketKeyStatus"],
        Schedule: { Frequency: "Daily" },
      },
    }),
  );
}

/** Puts the data files and the manifest; `files` are bodies as S3 would write them. */
export async function putReport(p: {
  bucket: string;
  destination: string;
  date: Date;
  format?: "CSV" | "Parquet" | "ORC";
  fileSchema?: string;
  files: { name: string; body: Uint8Array }[];
}) {
  const loc = reportLocation("inv", p.bucket, "audit", p.date);
  const files = p.files.map((f) => ({ key: loc.dataKey(f.name), body: f.body }));
  for (const f of files) await testS3().send(new PutObjectCommand({ Bucket: p.destination, Key: f.key, Body: f.body }));
  const manifest = inventoryManifest({
    sourceBucket: p.bucket,
    destinationBucket: p.destination,
    date: p.date,
    format: p.format ?? "CSV",
    fileSchema: p.fileSchema ?? csvFileSchema,
    files,
  });
  await testS3().send(new PutObjectCommand({ Bucket: p.destination, Key: loc.manifestKey, Body: manifest }));
  return loc.manifestKey;
}

export const csvFile = (bucket: string, rows: InventoryRow[]) => gzipSync(rows.map((r) => csvRow(bucket, r)).join(""));

/** n rows cycling through the five encryption statuses; Bucket Key on every third SSE-KMS row. */
export function mixedRows(n: number): InventoryRow[] {
  const statuses = ["SSE-KMS", "SSE-KMS", "SSE-KMS", "SSE-S3", "NOT-SSE"] as const;
  return Array.from({ length: n }, (_, i) => {
    const encryptionStatus = statuses[i % statuses.length]!;
    return {
      key: `${i % 2 ? "logs" : "media files"}/${String(i).padStart(6, "0")} item.bin`,
      size: 100 + i,
      encryptionStatus,
      bucketKeyStatus: encryptionStatus === "SSE-KMS" ? (i % 3 === 0 ? "ENABLED" : "DISABLED") : "",
    };
  });
}
