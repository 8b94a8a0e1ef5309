// AWS Data Exports (CUR 2.0) in the real format, for the demo, the integration tests and the
// benchmark (moto has no Data Exports): data files under
// <prefix>/<export>/data/BILLING_PERIOD=YYYY-MM/<export>-00001.snappy.parquet (or .csv.gz) and a
// Manifest.json under <prefix>/<export>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json
// naming them (executionId, exportArn, columns, dataFiles). Columns are a subset of CUR 2.0's
// fixed schema in its order, with the map column `product` as JSON text as the CSV carries it.
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";

export type ExportLine = {
  lineItemType: string;
  usageStart: Date;
  account: string;
  productCode: string;
  usageType: string;
  operation: string;
  resourceId: string;
  usageAmount: number;
  unblendedCost: number;
};

const columns = [
  ["identity_line_item_id", "string"],
  ["identity_time_interval", "string"],
  ["bill_payer_account_id", "string"],
  ["line_item_line_item_type", "string"],
  ["line_item_usage_start_date", "timestamp"],
  ["line_item_usage_end_date", "timestamp"],
  ["line_item_usage_account_id", "string"],
  ["line_item_product_code", "string"],
  ["line_item_usage_type", "string"],
  ["line_item_operation", "string"],
  ["line_item_resource_id", "string"],
  ["line_item_usage_amount", "double"],
  ["line_item_unblended_cost", "double"],
  ["product", "map<string,string>"],
] as const;

/** The same columns without resource ids (an export made without "include resource IDs"). */
const withoutResourceIds = columns.filter(([n]) => n !== "line_item_resource_id");

const hourMs = 3_600_000;

function values(line: ExportLine, i: number) {
  const end = new Date(line.usageStart.getTime() + hourMs);
  return {
    identity_line_item_id: `li-${i.toString(36)}`,
    identity_time_interval: `${line.usageStart.toISOString()}/${end.toISOString()}`,
    bill_payer_account_id: "111111111111",
    line_item_line_item_type: line.lineItemType,
    line_item_usage_start_date: line.usageStart,
    line_item_usage_end_date: end,
    line_item_usage_account_id: line.account,
    line_item_product_code: line.productCode,
    line_item_usage_type: line.usageType,
    line_item_operation: line.operation,
    line_item_resource_id: line.resourceId,
    line_item_usage_amount: line.usageAmount,
    line_item_unblended_cost: line.unblendedCost,
    product: JSON.stringify({ product_name: line.productCode, region: "" }),
  };
}

/** `gzip`: GZIP pages instead of Snappy (other writers' choice); `rowGroupSize`: rows per row group. */
export function parquetExportFile(
  lines: readonly ExportLine[],
  opts: { resourceIds?: boolean; gzip?: boolean; rowGroupSize?: number } = {},
): Uint8Array {
  const cols = opts.resourceIds === false ? withoutResourceIds : columns;
  const rows = lines.map(values);
  const buffer = parquetWriteBuffer({
    columnData: cols.map(([name, type]) => ({
      name,
      data: rows.map((r) => r[name]),
      type: type === "timestamp" ? "TIMESTAMP" : type === "double" ? "DOUBLE" : "STRING",
    })),
    rowGroupSize: opts.rowGroupSize ?? 100_000,
    ...(opts.gzip
      ? { codec: "GZIP" as const, compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) } }
      : {}),
  });
  return new Uint8Array(buffer);
}

const csvField = (v: unknown) => {
  const s = v instanceof Date ? v.toISOString().replace(".000Z", "Z") : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csvGzExportFile(lines: readonly ExportLine[]): Buffer {
  const header = columns.map(([n]) => n).join(",");
  const body = lines.map((l, i) => {
    const v = values(l, i) as Record<string, unknown>;
    return columns.map(([n]) => csvField(v[n])).join(",");
  });
  return gzipSync(`${header}\n${body.join("\n")}\n`);
}

export function exportLocation(prefix: string, exportName: string, period: string) {
  const base = `${prefix ? `${prefix}/` : ""}${exportName}`;
  return {
    manifestKey: `${base}/metadata/BILLING_PERIOD=${period}/${exportName}-Manifest.json`,
    dataKey: (part: number, format: "parquet" | "csv") =>
      `${base}/data/BILLING_PERIOD=${period}/${exportName}-${String(part).padStart(5, "0")}.${format === "parquet" ? "snappy.parquet" : "csv.gz"}`,
  };
}

export function exportManifest(input: {
  bucket: string;
  exportName: string;
  dataKeys: readonly string[];
  resourceIds?: boolean;
}): string {
  const cols = input.resourceIds === false ? withoutResourceIds : columns;
  return JSON.stringify({
    executionId: `exec-${input.exportName}-${input.dataKeys.length}`,
    exportArn: `arn:aws:bcm-data-exports:us-east-1:111111111111:export/${input.exportName}-7d7a2d1c`,
    columns: cols.map(([name, type]) => ({ name, type })),
    dataFiles: input.dataKeys.map((k) => `s3://${input.bucket}/${k}`),
    additionalOutputFiles: [],
  });
}
