import { csvLine } from "@/lib/contracts/csv";
import { downloadCsv } from "./download-csv";
import type { Savings } from "@/lib/contracts/usage";

// The Reports page's savings export, built in the browser from the report it shows (one CSV writer:
// lib/contracts/csv.ts). Money to the micro-dollar, request estimates rounded to whole requests.

const header = [
  "bucket",
  "account",
  "region",
  "method",
  "object_level_requests",
  "bucket_level_requests",
  "cost_usd",
  "estimated_requests",
  "estimated_cost_usd",
  "monthly_saving_requests",
  "monthly_saving_usd",
  "bucket_key_enabled_at",
];

const rounded = (n: number | null) => (n === null ? null : Math.round(n));

export function savingsCsv(savings: Savings): string {
  const rows = savings.rows.map((r) =>
    csvLine([
      r.bucket,
      r.account,
      r.region,
      r.method,
      r.objectRequests,
      r.bucketRequests,
      r.costUsd.toFixed(6),
      rounded(r.estimatedRequests),
      r.estimatedCostUsd?.toFixed(6) ?? null,
      rounded(r.monthlySavingRequests),
      r.monthlySavingUsd?.toFixed(6) ?? null,
      r.bucketKeyEnabledAt,
    ]),
  );
  return csvLine(header) + rows.join("");
}

/** Hands the export to the browser as a file download named for the report's range. */
export function downloadSavingsCsv(savings: Savings): void {
  downloadCsv(savingsCsv(savings), `kms-savings-${savings.from.slice(0, 10)}-to-${savings.to.slice(0, 10)}.csv`);
}
