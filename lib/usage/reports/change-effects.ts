import "server-only";
import type { Change } from "@/lib/contracts/encryption";
import type { ChangeEffectRow, ChangeEffects } from "@/lib/contracts/cost-evidence";
import { costUnitsPerUsd } from "@/lib/cost/bill-line";
import { changeEffect, realizedToDate, windowFigures, type DayFigure, type DaySpan } from "@/lib/cost/change-effect";
import { addDays, dayOf, minDay } from "@/lib/cost/days";
import { requestCost } from "@/lib/cost/pricing";
import { listChanges } from "@/lib/changes/change-store";
import { billKeyDays, billSpan } from "@/lib/usage/store/bill-store";
import { bucketDays, hourToDay } from "@/lib/usage/store/day-usage";
import { readPricing } from "@/lib/usage/store/pricing-store";
import { dataSpan } from "@/lib/usage/store/usage-store";
import { estimateBucketSaving } from "./savings-report";
import type { UsageScope } from "./usage-scope";

// GET /api/changes/effects: for every applied change, the bucket's KMS requests and cost per
// day over the windows before and after it (lib/cost/change-effect.ts), the saving the review's
// model projected from the usage it had at the time (the same estimate, run as of the change),
// and the key's bill over the same windows where the bill is read.

const windowDays = 7;

export async function changeEffects(scope: UsageScope): Promise<ChangeEffects> {
  const inScope = (account: string | null) =>
    !scope.accounts || scope.accounts.includes(account ?? scope.consoleAccount);
  const changes = listChanges({ limit: 500 }).filter((c) => c.result === "applied" && inScope(c.account));
  const trail = dataSpan(scope.accounts);
  const span: DaySpan | null = trail
    ? { firstDay: hourToDay(trail.firstHour), lastDay: hourToDay(trail.lastHour) }
    : null;
  const billed = billSpan(scope.accounts) !== null;
  const effects: ChangeEffectRow[] = [];
  for (const c of changes) effects.push(await effectOf(c, changes, span, billed, scope));
  return { windowDays, effects };
}

const turnsBucketKeyOn = (c: Change) => !c.before.bucketKeyEnabled && c.after.bucketKeyEnabled;

async function effectOf(
  c: Change,
  all: readonly Change[],
  span: DaySpan | null,
  billed: boolean,
  scope: UsageScope,
): Promise<ChangeEffectRow> {
  const settings = readPricing();
  const neighbours = all.filter((n) => n.bucket === c.bucket && n.id !== c.id).map((n) => ({ id: n.id, at: n.at }));
  const changeDay = dayOf(c.at);
  const nextDay = neighbours
    .map((n) => dayOf(n.at))
    .filter((d) => d > changeDay)
    .sort()[0];
  const untilDay = span ? minDay(span.lastDay, nextDay ? addDays(nextDay, -1) : span.lastDay) : changeDay;
  const days: DayFigure[] = bucketDays(c.bucket, addDays(changeDay, -windowDays), untilDay).map((d) => ({
    day: d.day,
    requests: d.requests,
    costUsd: requestCost(settings, d.requests, d.region),
  }));
  const estimate = turnsBucketKeyOn(c) ? await estimateBucketSaving(c.bucket, true, Date.parse(c.at)) : null;
  const effect = changeEffect({
    at: c.at,
    neighbours,
    days,
    span,
    projectedMonthlySavingUsd: estimate?.monthlySavingUsd ?? null,
    windowDays,
  });
  const keyArn = c.after.kmsKeyArn ?? c.before.kmsKeyArn;
  const soFar = realizedToDate(days, effect, untilDay);
  return {
    changeId: c.id,
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
    bill: billed && keyArn ? windowFigures(keyBillDays(keyArn, changeDay, scope), effect) : null,
  };
}

function keyBillDays(keyArn: string, changeDay: string, scope: UsageScope): DayFigure[] {
  return billKeyDays(addDays(changeDay, -windowDays), addDays(changeDay, windowDays), scope.accounts, keyArn).map(
    (b) => ({ day: b.day, requests: b.requests, costUsd: b.costUnits / costUnitsPerUsd }),
  );
}
