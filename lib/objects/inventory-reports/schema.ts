import { AppError } from "@/lib/contracts/errors";

// Which columns of an S3 Inventory report the audit reads, found by name in the report's own
// manifest.json fileSchema (never in the configuration: moto reads OptionalFields back garbled,
// and a report keeps the schema it was written with after the configuration changes).
// CSV names the fields "Bucket, Key, Size, …"; Parquet gives a message schema whose columns are
// snake_case ("encryption_status"); both compare equal once lower-cased without underscores.

type ReportFormat = "CSV" | "Parquet";

export type ReportColumns = {
  /** Every field in file order (CSV rows have exactly these, Parquet files these columns). */
  names: string[];
  key: number;
  size: number;
  encryptionStatus: number;
  bucketKeyStatus: number;
  /** Only in reports of all versions: the audit counts current versions and skips delete markers. */
  isLatest: number | null;
  isDeleteMarker: number | null;
};

const normalize = (name: string) => name.replace(/_/g, "").toLowerCase();

/** The field names a fileSchema lists, in order. */
function fileSchemaNames(format: ReportFormat, fileSchema: string): string[] {
  if (format === "CSV") return fileSchema.split(",").map((n) => n.trim());
  return [...fileSchema.matchAll(/(?:required|optional|repeated)\s+\w+\s+(\w+)/g)].map((m) => m[1]!);
}

/** The audit's columns, or a clear error naming the fields the inventory configuration must add. */
export function reportColumns(format: ReportFormat, fileSchema: string, report: string): ReportColumns {
  const names = fileSchemaNames(format, fileSchema);
  const at = (field: string) => names.findIndex((n) => normalize(n) === normalize(field));
  const missing = ["Key", "Size", "EncryptionStatus", "BucketKeyStatus"].filter((f) => at(f) < 0);
  if (missing.length) {
    throw new AppError(
      "check_failed",
      `${report} has no ${missing.join(", ")} field${missing.length > 1 ? "s" : ""} (its fileSchema lists ${
        names.join(", ") || "nothing"
      }): add Size, Encryption status and Bucket Key status to the inventory configuration's additional fields, ` +
        "or add an inventory configuration from this page, and audit the next report.",
    );
  }
  const optional = (field: string) => (at(field) < 0 ? null : at(field));
  return {
    names,
    key: at("Key"),
    size: at("Size"),
    encryptionStatus: at("EncryptionStatus"),
    bucketKeyStatus: at("BucketKeyStatus"),
    isLatest: optional("IsLatest"),
    isDeleteMarker: optional("IsDeleteMarker"),
  };
}
