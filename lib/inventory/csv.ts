import type { BucketPosture } from "@/lib/contracts/inventory";
import { inventoryCsvColumns } from "@/lib/contracts/bucket-list";
import { csvLine, type CsvValue } from "@/lib/contracts/csv";

// The inventory export's rows, written by the one CSV writer (lib/contracts/csv.ts).

export const csvHeader = csvLine(inventoryCsvColumns);

export function csvRow(b: BucketPosture): string {
  const e = b.encryption;
  const values: Record<(typeof inventoryCsvColumns)[number], CsvValue> = {
    account: b.account,
    bucket: b.name,
    region: b.region,
    encryption: b.readAt === null ? "not scanned yet" : (e?.type ?? null),
    kms_key_arn: e?.kmsKeyArn ?? null,
    kms_key_alias: e?.kmsKeyAlias ?? null,
    bucket_key: e?.type === "SSE-KMS" ? (e.bucketKeyEnabled ? "on" : "off") : null,
    versioning: b.versioning,
    replication_rules: b.replication ? b.replication.rules.length : null,
    candidate: b.candidate,
    read_at: b.readAt,
    error: b.error?.message ?? null,
  };
  return csvLine(inventoryCsvColumns.map((c) => values[c]));
}
