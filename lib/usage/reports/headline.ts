import "server-only";
import type { Headline } from "@/lib/contracts/cost-evidence";
import { daysBetween, daysPerMonth } from "@/lib/cost/days";
import { billSpan } from "@/lib/usage/store/bill-store";
import { changeEffects } from "./change-effects";
import { reconciliationReport } from "./reconciliation-report";
import { savingsReport } from "./savings-report";
import type { UsageScope } from "./usage-scope";

// GET /api/overview/headline: what the budget owner reads first. S3's KMS request cost per month
// from the bill where one is read (the share of each key's bill that S3's calls explain), else
// CloudTrail's estimate; the saving realized since the first change; the projected saving left.
// Each figure names its source and its days.

const usd = (n: number) => `USD ${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export async function headline(scope: UsageScope, blindSpots: readonly string[]): Promise<Headline> {
  const savings = await savingsReport({}, scope);
  const fromDay = savings.from.slice(0, 10);
  const toDay = savings.to.slice(0, 10);
  const projected: Headline["projectedSavingLeft"] = savings.hasData
    ? {
        usd: savings.totals.monthlyProjectedUsd,
        basis: {
          source: "cloudtrail",
          fromDay,
          toDay,
          label: `per month, projected by the model from CloudTrail's KMS calls of ${fromDay} to ${toDay}`,
        },
      }
    : { usd: null, basis: null };
  return {
    monthlyCost: monthlyCost(
      scope,
      blindSpots,
      savings.hasData ? savings.totals.monthlyAccountCostUsd : null,
      fromDay,
      toDay,
    ),
    realizedSaving: await realized(scope),
    projectedSavingLeft: projected,
  };
}

function monthlyCost(
  scope: UsageScope,
  blindSpots: readonly string[],
  trailMonthly: number | null,
  fromDay: string,
  toDay: string,
): Headline["monthlyCost"] {
  if (billSpan(scope.accounts)) {
    const r = reconciliationReport({}, scope, blindSpots);
    const explained = r.keys.reduce((s, k) => s + k.explainedCostUsd, 0);
    const billTotal = r.keys.reduce((s, k) => s + k.billCostUsd, 0);
    const perMonth = (explained / daysBetween(r.fromDay, r.toDay).length) * daysPerMonth;
    return {
      usd: perMonth,
      basis: {
        source: "bill",
        fromDay: r.fromDay,
        toDay: r.toDay,
        label:
          `per month, S3's share of the KMS request bill (Data Export) of ${r.fromDay} to ${r.toDay}: ` +
          `${usd(explained)} of ${usd(billTotal)} billed`,
      },
    };
  }
  if (trailMonthly === null) return { usd: null, basis: null };
  return {
    usd: trailMonthly,
    basis: {
      source: "cloudtrail",
      fromDay,
      toDay,
      label: `per month, CloudTrail's KMS calls of ${fromDay} to ${toDay} at list price, less the free tier (no bill read)`,
    },
  };
}

async function realized(scope: UsageScope): Promise<Headline["realizedSaving"]> {
  const measured = (await changeEffects(scope)).effects.filter((e) => e.realizedToDate);
  if (measured.length === 0) return { usd: null, basis: null };
  const fromDay = measured.map((e) => e.after?.fromDay ?? e.at.slice(0, 10)).sort()[0]!;
  const toDay = measured
    .map((e) => e.realizedToDate!.toDay)
    .sort()
    .at(-1)!;
  return {
    usd: measured.reduce((s, e) => s + e.realizedToDate!.usd, 0),
    basis: {
      source: "cloudtrail",
      fromDay,
      toDay,
      label:
        `saved from ${fromDay} to ${toDay} by ${measured.length} change${measured.length === 1 ? "" : "s"}: ` +
        "each bucket's daily KMS cost after its change against the 7 days before (CloudTrail)",
    },
  };
}
