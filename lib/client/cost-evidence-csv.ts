import { csvLine } from "@/lib/contracts/csv";
import type { ChangeEffects, ReconciliationReport } from "@/lib/contracts/cost-evidence";

// The cost evidence as CSV, built in the browser from what the page shows (one CSV writer:
// lib/contracts/csv.ts): the bill beside CloudTrail per key, and each change's measured effect.
// Money to the micro-dollar, shares to a tenth of a percent.

const usd = (n: number | null | undefined) => (n === null || n === undefined ? null : n.toFixed(6));
const share = (n: number | null) => (n === null ? null : (n * 100).toFixed(1));

export function reconciliationCsv(r: ReconciliationReport): string {
  const header = [
    "from_day",
    "to_day",
    "key_arn",
    "account",
    "region",
    "bill_requests",
    "bill_cost_usd",
    "cloudtrail_s3_requests",
    "explained_cost_usd",
    "s3_share_pct",
    "gap_days",
    "status",
    "causes",
  ];
  const rows = r.keys.map((k) =>
    csvLine([
      r.fromDay,
      r.toDay,
      k.keyArn,
      k.account,
      k.region,
      k.billRequests,
      usd(k.billCostUsd),
      k.trailRequests,
      usd(k.explainedCostUsd),
      share(k.share),
      k.gapDays,
      k.status,
      k.causes.join(" | "),
    ]),
  );
  return csvLine(header) + rows.join("");
}

export function changeEffectsCsv(e: ChangeEffects): string {
  const header = [
    "change_id",
    "source",
    "by",
    "at",
    "bucket",
    "key_arn",
    "before_from",
    "before_to",
    "before_requests_per_day",
    "before_cost_usd_per_day",
    "after_from",
    "after_to",
    "after_requests_per_day",
    "after_cost_usd_per_day",
    "request_reduction_pct",
    "realized_monthly_saving_usd",
    "projected_monthly_saving_usd",
    "saved_to_date_usd",
    "bill_before_cost_usd_per_day",
    "bill_after_cost_usd_per_day",
    "notes",
  ];
  const rows = e.effects.map((x) =>
    csvLine([
      x.changeId,
      x.source,
      x.by,
      x.at,
      x.bucket,
      x.keyArn,
      x.before?.fromDay,
      x.before?.toDay,
      x.before ? Math.round(x.before.requestsPerDay) : null,
      usd(x.before?.costPerDayUsd),
      x.after?.fromDay,
      x.after?.toDay,
      x.after ? Math.round(x.after.requestsPerDay) : null,
      usd(x.after?.costPerDayUsd),
      share(x.requestReduction),
      usd(x.realizedMonthlySavingUsd),
      usd(x.projectedMonthlySavingUsd),
      usd(x.realizedToDate?.usd),
      usd(x.bill?.before?.costPerDayUsd),
      usd(x.bill?.after?.costPerDayUsd),
      [x.beforeNote, x.afterNote].filter(Boolean).join(" | "),
    ]),
  );
  return csvLine(header) + rows.join("");
}
