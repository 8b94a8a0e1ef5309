import "server-only";
import type { ReconciliationQuery, ReconciliationReport } from "@/lib/contracts/cost-evidence";
import { costUnitsPerUsd } from "@/lib/cost/bill-line";
import { addDays, dayOf } from "@/lib/cost/days";
import { keyTotals, reconcileKeyDay, type KeyDayInput, type KeyDayReconciliation } from "@/lib/cost/reconcile";
import { listChanges } from "@/lib/changes/store";
import { billKeyDays, billSpan } from "@/lib/usage/store/bill-store";
import { hourToDay, trailKeyDays } from "@/lib/usage/store/day-usage";
import { dataSpan } from "@/lib/usage/store/queries";
import { memoReport } from "./report-cache";
import type { UsageScope } from "./usage-scope";

// GET /api/reports/reconciliation: the bill's requests and cost per key and day beside
// CloudTrail's S3 calls with that key (lib/cost/reconcile.ts does the arithmetic). The period
// defaults to the 30 days up to the last billed day (or the last CloudTrail day before a bill).

const worst = ["gap", "bill-missing", "trail-over-bill", "matches"] as const;
const arnParts = (arn: string) => /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):/.exec(arn);

export function reconciliationReport(
  query: ReconciliationQuery,
  scope: UsageScope,
  blindSpots: readonly string[],
): ReconciliationReport {
  return memoReport("reconciliation", [query, scope, blindSpots], () => compute(query, scope, blindSpots));
}

function compute(query: ReconciliationQuery, scope: UsageScope, blindSpots: readonly string[]): ReconciliationReport {
  const billed = billSpan(scope.accounts);
  const trail = dataSpan(scope.accounts);
  const toDay = query.to ?? billed?.lastDay ?? (trail ? hourToDay(trail.lastHour) : dayOf(Date.now()));
  const fromDay = query.from ?? addDays(toDay, -29);
  const perKey = new Map<string, { account: string; region: string; days: Map<string, KeyDayInput> }>();
  const entry = (keyArn: string, account: string, region: string) => {
    let e = perKey.get(keyArn);
    if (!e) perKey.set(keyArn, (e = { account, region, days: new Map() }));
    return e;
  };
  const dayOfKey = (e: { days: Map<string, KeyDayInput> }, day: string) => {
    let d = e.days.get(day);
    if (!d) e.days.set(day, (d = { day, billRequests: 0, billCostUsd: 0, otherBillRequests: 0, trailRequests: 0 }));
    return d;
  };
  for (const b of billKeyDays(fromDay, toDay, scope.accounts, query.key)) {
    const d = dayOfKey(entry(b.keyArn, b.account, b.region), b.day);
    d.billRequests += b.requests;
    d.billCostUsd += b.costUnits / costUnitsPerUsd;
    d.otherBillRequests += b.otherRequests;
  }
  for (const t of trailKeyDays(fromDay, toDay, scope.accounts, query.key)) {
    const parts = arnParts(t.keyArn);
    dayOfKey(entry(t.keyArn, parts?.[2] ?? "", parts?.[1] ?? ""), t.day).trailRequests += t.requests;
  }
  const chart = new Map<string, ReconciliationReport["days"][number]>();
  const keys = [...perKey].map(([keyArn, e]) => {
    const days = [...e.days.values()]
      .sort((a, b) => (a.day < b.day ? -1 : 1))
      .map((d) => reconcileKeyDay(d, blindSpots));
    for (const d of days) addToChart(chart, d);
    const totals = keyTotals(days);
    const worstDay = [...days].sort((a, b) => worst.indexOf(a.status) - worst.indexOf(b.status))[0];
    return {
      keyArn,
      account: e.account,
      region: e.region,
      ...totals,
      status: worstDay?.status ?? "matches",
      causes: worstDay?.causes ?? [],
      days: query.key ? days : null,
    };
  });
  keys.sort((a, b) => b.billCostUsd - a.billCostUsd || b.trailRequests - a.trailRequests);
  const inScope = (account: string | null) =>
    !scope.accounts || scope.accounts.includes(account ?? scope.consoleAccount);
  const changes = listChanges({ limit: 1000 })
    .filter((c) => c.result === "applied" && inScope(c.account))
    .map((c) => ({ id: c.id, day: dayOf(c.at), bucket: c.bucket }))
    .filter((c) => c.day >= fromDay && c.day <= toDay)
    .reverse();
  return {
    fromDay,
    toDay,
    billRead: billed !== null,
    days: [...chart.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
    keys,
    changes,
  };
}

function addToChart(chart: Map<string, ReconciliationReport["days"][number]>, d: KeyDayReconciliation): void {
  const c = chart.get(d.day) ?? { day: d.day, billRequests: 0, billCostUsd: 0, trailRequests: 0, explainedCostUsd: 0 };
  c.billRequests += d.billRequests;
  c.billCostUsd += d.billCostUsd;
  c.trailRequests += d.trailRequests;
  c.explainedCostUsd += d.explainedCostUsd;
  chart.set(d.day, c);
}
