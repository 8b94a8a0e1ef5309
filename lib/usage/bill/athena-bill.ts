import "server-only";
import { AppError } from "@/lib/contracts/errors";
import { commitBillFile, dropStaleFiles } from "@/lib/usage/store/bill-store";
import { qualifiedDml, type AthenaTable } from "@/lib/usage/athena/sql";
import { failed, queryRows, runQuery, type AthenaSender, type AthenaTarget } from "@/lib/usage/athena/source";
import { scanCostUsd, type ResultRow } from "@/lib/usage/athena/results";
import { BillFold } from "./fold";
import { athenaClient } from "@/lib/aws/clients";
import { systemClock, type Clock } from "@/lib/usage/cloudtrail/lookup-events";
import type { BillSource, BillStatus } from "@/lib/contracts/bill";

type BillAthena = NonNullable<BillSource["athena"]>;
/** A run's outcome and the months it found nothing for, as the bill's status shows them. */
export type BillRun = { result: NonNullable<BillStatus["lastRun"]>; missing: BillStatus["missingMonths"] };

// The bill through Athena, for exports too large for one machine: the Data Export's Athena table (CUR 2.0's columns,
// partitioned by billing_period as its Glue table is) is asked for its KMS lines summed per account, usage type,
// operation, line type, resource and day, and only those sums come back. They go through the same fold and
// classifier as the files' lines (lib/usage/bill/fold.ts), one receipt per month: a month read again replaces
// what it gave, and the month's files read from S3 before are dropped, so nothing is counted twice.

export const billAthenaColumns = [
  "billing_period",
  "account",
  "usage_type",
  "operation",
  "line_item_type",
  "resource_id",
  "usage_day",
  "lines",
  "usage_amount",
  "unblended_cost",
] as const;

export function billAthenaSql(table: AthenaTable, periods: readonly string[]): string {
  if (periods.length === 0 || periods.some((p) => !/^\d{4}-\d{2}$/.test(p)))
    throw new AppError("invalid_input", "The bill's months must be YYYY-MM.");
  return `SELECT
  billing_period,
  line_item_usage_account_id AS account,
  line_item_usage_type AS usage_type,
  line_item_operation AS operation,
  line_item_line_item_type AS line_item_type,
  coalesce(line_item_resource_id, '') AS resource_id,
  date_format(line_item_usage_start_date, '%Y-%m-%d') AS usage_day,
  count(*) AS lines,
  sum(line_item_usage_amount) AS usage_amount,
  sum(line_item_unblended_cost) AS unblended_cost
FROM ${qualifiedDml(table)}
WHERE billing_period IN (${periods.map((p) => `'${p}'`).join(", ")})
  AND line_item_product_code = 'awskms'
GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

/** The query's rows folded per month, as a file's lines are; `where` names the table in errors. */
export function foldBillRows(rows: Iterable<ResultRow>, where: string): Map<string, BillFold> {
  const folds = new Map<string, BillFold>();
  let n = 0;
  for (const [period, account, usageType, operation, lineItemType, resourceId, day, lines, usage, cost] of rows) {
    n++;
    const count = Number(lines);
    if (!period || !/^\d{4}-\d{2}$/.test(period) || !Number.isSafeInteger(count) || count < 1)
      throw new AppError(
        "check_failed",
        `${where}, result row ${n}: billing period "${period}" or line count "${lines}" cannot be read.`,
      );
    let fold = folds.get(period);
    if (!fold) folds.set(period, (fold = new BillFold(where, true)));
    const values = { productCode: "awskms", usageType, operation, lineItemType, resourceId, account };
    fold.add({ ...values, usageStart: day, usageAmount: usage, unblendedCost: cost }, n, count);
  }
  return folds;
}

export type AthenaBillRead = {
  queryId: string;
  dataScannedBytes: number;
  costUsd: number;
  /** The months the table had KMS lines for, each stored in place of what it held. */
  periods: string[];
  /** Months without a KMS line in the table (its partition may not be there yet): left as they were. */
  missing: string[];
  dropped: number;
};

/** Reads `periods` through Athena and stores each month's sums in place of what the month held. */
export async function readBillThroughAthena(o: {
  client: AthenaSender;
  target: AthenaTarget;
  table: AthenaTable;
  periods: readonly string[];
  pricePerTb: number;
  clock: Clock;
}): Promise<AthenaBillRead> {
  const outcome = await runQuery(o.client, o.target, billAthenaSql(o.table, o.periods), o.clock);
  if (outcome.state !== "SUCCEEDED") throw failed(outcome, "KMS bill", "bill");
  const where = `Athena table ${o.table.database}.${o.table.table}`;
  const folds = foldBillRows(await queryRows(o.client, outcome.queryId, billAthenaColumns), where);
  let dropped = 0;
  for (const [period, fold] of folds) {
    const key = `athena://${o.table.database}.${o.table.table}/${period}`;
    commitBillFile({ key, etag: outcome.queryId, period }, fold);
    dropped += dropStaleFiles(period, [key]);
  }
  return {
    queryId: outcome.queryId,
    dataScannedBytes: outcome.dataScannedBytes,
    costUsd: scanCostUsd(outcome.dataScannedBytes, o.pricePerTb),
    periods: [...folds.keys()].sort(),
    missing: o.periods.filter((p) => !folds.has(p)),
    dropped,
  };
}

/** The bill source's Athena read as a run of the bill: each month returned counts as a file read. */
export async function ingestBillThroughAthena(athena: BillAthena, months: readonly string[]): Promise<BillRun> {
  const { region, workgroup, outputLocation, database, table, scanPricePerTb } = athena;
  const read = await readBillThroughAthena({
    client: athenaClient(region),
    target: { workgroup, outputLocation: outputLocation || undefined },
    table: { database, table },
    periods: months,
    pricePerTb: scanPricePerTb,
    clock: systemClock,
  });
  return {
    result: {
      at: new Date(systemClock.now()).toISOString(),
      filesRead: read.periods.length,
      filesUnchanged: 0,
      filesDropped: read.dropped,
      error: null,
      athena: { queryId: read.queryId, dataScannedBytes: read.dataScannedBytes, costUsd: read.costUsd },
    },
    missing: read.missing.map((period) => ({
      period,
      message:
        `No KMS line for ${period} in the Athena table ${database}.${table}: the month's partition may not be in the ` +
        "table yet (run the export's crawler or add the partition), or the export has no KMS usage that month.",
    })),
  };
}
