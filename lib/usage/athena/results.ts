// Athena result rows → what the usage store keeps. Pure. Athena returns every value as text
// (VarCharValue), a NULL as a Datum without VarCharValue, and the column names as the
// first row of the first page.

import { AppError } from "@/lib/contracts/errors";
import type { FileAggregate } from "@/lib/usage/cloudtrail/aggregate";
import { usageColumns } from "./sql";

export type ResultRow = readonly (string | undefined)[];

export type UsageAggregate = Pick<FileAggregate, "rows" | "principals" | "events">;

const unexpected = (why: string) =>
  new AppError("check_failed", `Athena returned an unexpected result (${why}); the usage store was not changed.`);

/** Throws unless the header is the query's own (a changed query or a wrong table shows here, not as wrong numbers). */
export function checkHeader(header: ResultRow, columns: readonly string[] = usageColumns): void {
  if (header.length !== columns.length || columns.some((c, i) => header[i]?.toLowerCase() !== c)) {
    throw unexpected(`columns ${header.join(", ")}`);
  }
}

function wholeNumber(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isSafeInteger(n))
    throw unexpected(`${what} "${value ?? "NULL"}" is not a whole number`);
  return n;
}

export function rowsToAggregate(rows: Iterable<ResultRow>): UsageAggregate {
  const out: UsageAggregate = { rows: [], principals: [], events: 0 };
  for (const row of rows) {
    const [kind, bucket, hourText, operation, level, keyArn, region, principal, requestsText] = row;
    if (!bucket) throw unexpected("a row without a bucket");
    const hour = wholeNumber(hourText, "hour");
    if (kind === "principal") {
      if (principal === undefined) throw unexpected("a principal row without a principal");
      out.principals.push({ bucket, hour, principal });
    } else if (kind === "requests") {
      if (!operation || (level !== "object" && level !== "bucket") || !region)
        throw unexpected(`a request row for ${bucket} without operation, level or region`);
      const requests = wholeNumber(requestsText, "requests");
      out.rows.push({ bucket, hour, operation, level, keyArn: keyArn ?? "", region, requests });
      out.events += requests;
    } else {
      throw unexpected(`row kind "${kind ?? "NULL"}"`);
    }
  }
  return out;
}

const mb = 1024 * 1024;
const tb = 1024 ** 4;

/** What a query's scan costs: Athena rounds up to the next megabyte and bills at least 10 MB per query. */
export function scanCostUsd(bytes: number, pricePerTb: number): number {
  return (Math.max(Math.ceil(bytes / mb), 10) * mb * pricePerTb) / tb;
}
