import type { BucketPosture } from "@/lib/contracts/inventory";
import { inventoryCsvColumns } from "@/lib/contracts/bucket-list";

// The CSV export's rows (RFC 4180: quoted when a field holds a comma, quote or line break).
// A field that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with a quote.

function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvHeader = `${inventoryCsvColumns.join(",")}\r\n`;

export function csvRow(b: BucketPosture): string {
  const e = b.encryption;
  const values: Record<(typeof inventoryCsvColumns)[number], string | number | boolean | null> = {
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
  return `${inventoryCsvColumns.map((c) => field(values[c])).join(",")}\r\n`;
}
