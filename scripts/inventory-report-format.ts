// S3 Inventory reports in the real format, for the demo, the integration tests and the benchmark
// (moto does not deliver inventory reports): gzip CSV data files without a header, every field
// quoted, keys form-encoded as S3 does (space as "+", "/" as "%2F"), and a manifest.json naming
// the files, their sizes and MD5s, and their fileSchema, under <prefix>/<bucket>/<config id>/<date>/.
import { createHash } from "node:crypto";

export type InventoryRow = {
  key: string;
  size: number;
  encryptionStatus: "SSE-KMS" | "SSE-S3" | "DSSE-KMS" | "SSE-C" | "NOT-SSE";
  bucketKeyStatus: "ENABLED" | "DISABLED" | "";
};

export const csvFileSchema =
  "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass, EncryptionStatus, BucketKeyStatus";
export const parquetFileSchema =
  "message s3.inventory { required binary bucket (STRING); required binary key (STRING); optional int64 size; " +
  "optional binary last_modified_date (STRING); optional binary e_tag (STRING); optional binary storage_class (STRING); " +
  "optional binary encryption_status (STRING); optional binary bucket_key_status (STRING); }";

/** Java's URLEncoder, which S3 Inventory's CSV keys follow. */
export const formEncode = (key: string) =>
  encodeURIComponent(key)
    .replace(/%20/g, "+")
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function csvRow(bucket: string, r: InventoryRow, etag = "d41d8cd98f00b204e9800998ecf8427e"): string {
  return `"${bucket}","${formEncode(r.key)}","${r.size}","2026-11-30T01:00:00.000Z","${etag}","STANDARD","${r.encryptionStatus}","${r.bucketKeyStatus}"\n`;
}

/** 2026-12-01T01-00Z: the name S3 gives a report's folder. */
export const reportFolderName = (date: Date) => `${date.toISOString().slice(0, 16).replace(":", "-")}Z`;

export function reportLocation(prefix: string, sourceBucket: string, configId: string, date: Date) {
  const base = `${prefix ? `${prefix}/` : ""}${sourceBucket}/${configId}`;
  return {
    manifestKey: `${base}/${reportFolderName(date)}/manifest.json`,
    dataKey: (name: string) => `${base}/data/${name}`,
  };
}

export function inventoryManifest(p: {
  sourceBucket: string;
  destinationBucket: string;
  date: Date;
  format: "CSV" | "Parquet" | "ORC";
  fileSchema: string;
  files: { key: string; body: Uint8Array }[];
}): string {
  return JSON.stringify(
    {
      sourceBucket: p.sourceBucket,
      destinationBucket: `arn:aws:s3:::${p.destinationBucket}`,
      version: "2016-11-30",
      creationTimestamp: String(p.date.getTime()),
      fileFormat: p.format,
      fileSchema: p.fileSchema,
      files: p.files.map((f) => ({
        key: f.key,
        size: f.body.length,
        MD5checksum: createHash("md5").update(f.body).digest("hex"),
      })),
    },
    null,
    2,
  );
}
