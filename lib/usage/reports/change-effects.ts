import "server-only";
import type { Change } from "@/lib/contracts/encryption";
import type { ChangeEffectRow, ChangeEffects } from "@/lib/contracts/cost-evidence";
import { costUnitsPerUsd } from "@/lib/cost/bill-line";
import {
  changeEffect,
  realizedByDay,
  realizedToDate,
  savingsByMonth,
  windowFigures,
  type DayFigure,
  type DaySpan,
} from "@/lib/cost/change-effect";
import { addDays, dayOf, minDay } from "@/lib/cost/days";
import { requestCost } from "@/lib/cost/pricing";
import { listChanges } from "@/lib/changes/store";
import { outsideEncryptionChanges } from "@/lib/inventory/bucket-events-store";
import { billKeyDays, billSpan } from "@/lib/usage/store/bill-store";
import { bucketDays, hourToDay } from "@/lib/usage/store/day-usage";
import { readPricing } from "@/lib/usage/store/pricing-store";
import { dataSpan } from "@/lib/usage/store/queries";
import { estimateBucketSaving } from "./savings-report";
import type { UsageScope } from "./usage-scope";

// GET /api/changes/effects: for every applied change, the console's (History) and those made
// elsewhere (CloudTrail's S3 management events), the bucket's KMS requests and cost per day over
// the windows before and after it (lib/cost/change-effect.ts), the saving the review's model
// projected from the usage it had at the time (the same estimate, run as of the change; none for
// an outside change, which had no review), and the bill over the same windows for the key the
// bucket's calls used, where the bill is read.

const windowDays = 7;

/** A change to measure, from History or from a management event. */
type Measured = {
  changeId: number | null;
  source: "console" | "outside";
  by: string;
  at: string;
  bucket: string;
  /** The configured key, when History knows it. */
  keyArn: string | null;
  turnsBucketKeyOn: boolean;
};

const fromHistory = (c: Change): Measured => ({
  changeId: c.id,
  source: "console",
  by: c.user ?? c.actor,
  at: c.at,
  bucket: c.bucket,
  keyArn: c.after.kmsKeyArn ?? c.before.kmsKeyArn,
  turnsBucketKeyOn: !c.before.bucketKeyEnabled && c.after.bucketKeyEnabled,
});

export async function changeEffects(scope: UsageScope): Promise<ChangeEffects> {
  const inScope = (account: string | null) =>
    !scope.accounts || scope.accounts.includes(account ?? scope.consoleAccount);
  const history = listChanges({ limit: 500 }).filter((c) => c.result === "applied" && inScope(c.account));
  const outside = outsideEncryptionChanges(scope.accounts?.filter((a) => a !== "")).map((e): Measured => ({
    changeId: null,
    source: "outside",
    by: e.principal,
    at: e.at,
    bucket: e.bucket,
    keyArn: null,
    turnsBucketKeyOn: false,
  }));
  const all = [...history.map(fromHistory), ...outside].sort((a, b) => (a.at < b.at ? 1 : -1));
  const trail = dataSpan(scope.accounts);
  const span: DaySpan | null = trail
    ? { firstDay: hourToDay(trail.firstHour), lastDay: hourToDay(trail.lastHour) }
    : null;
  const billed = billSpan(scope.accounts) !== null;
  const effects: ChangeEffectRow[] = [];
  const byDay: { day: string; usd: number }[] = [];
  for (const c of all) {
    const { row, realized } = await effectOf(c, all, span, billed, scope);
    effects.push(row);
    byDay.push(...realized);
  }
  return { windowDays, effects, programme: savingsByMonth(byDay) };
}

async function effectOf(
  c: Measured,
  all: readonly Measured[],
  span: DaySpan | null,
  billed: boolean,
  scope: UsageScope,
): Promise<{ row: ChangeEffectRow; realized: { day: string; usd: number }[] }> {
  const settings = readPricing();
  const neighbours = all
    .filter((n) => n.bucket === c.bucket && n !== c)
    .map((n, i) => ({ id: n.changeId ?? -(i + 1), at: n.at }));
  const changeDay = dayOf(c.at);
  const nextDay = neighbours
    .map((n) => dayOf(n.at))
    .filter((d) => d > changeDay)
    .sort()[0];
  const untilDay = span ? minDay(span.lastDay, nextDay ? addDays(nextDay, -1) : span.lastDay) : changeDay;
  const trailDays = bucketDays(c.bucket, addDays(changeDay, -windowDays), untilDay);
  const days: DayFigure[] = trailDays.map((d) => ({
    day: d.day,
    requests: d.requests,
    costUsd: requestCost(settings, d.requests, d.region),
  }));
  const estimate = c.turnsBucketKeyOn ? await estimateBucketSaving(c.bucket, true, Date.parse(c.at)) : null;
  const effect = changeEffect({
    at: c.at,
    neighbours,
    days,
    span,
    projectedMonthlySavingUsd: estimate?.monthlySavingUsd ?? null,
    windowDays,
  });
  // The key S3 used for the bucket, as CloudTrail saw it: the bill names keys the same way.
  const keyArn = trailDays.flatMap((d) => d.keyArns).at(-1) ?? c.keyArn;
  const realized = realizedByDay(days, effect, untilDay);
  const soFar = realizedToDate(days, effect, untilDay);
  const billDays = billed && keyArn ? keyBillDays(keyArn, changeDay, scope) : [];
  const row: ChangeEffectRow = {
    changeId: c.changeId,
    source: c.source,
    by: c.by,
    at: c.at,
    bucket: c.bucket,
    keyArn,
    before: effect.before.window,
    beforeNote: effect.before.note,
    after: effect.after.window,
    afterNote: effect.after.note,
    requestReduction: effect.requestReduction,
    realizedMonthlySavingUsd: effect.realizedMonthlySavingUsd,
    projectedMonthlySavingUsd: effect.projectedMonthlySavingUsd,
    projectedMethod: estimate?.method ?? null,
    realizedShareOfProjected: effect.realizedShareOfProjected,
    realizedToDate: soFar ? { ...soFar, toDay: untilDay } : null,
    bill: billDays.length > 0 ? windowFigures(billDays, effect) : null,
  };
  return { row, realized };
}

function keyBillDays(keyArn: string, changeDay: string, scope: UsageScope): DayFigure[] {
  return billKeyDays(addDays(changeDay, -windowDays), addDays(changeDay, windowDays), scope.accounts, keyArn).map(
    (b) => ({ day: b.day, requests: b.requests, costUsd: b.costUnits / costUnitsPerUsd }),
  );
}
