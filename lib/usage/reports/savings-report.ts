import "server-only";
import type { KeyHeadroom, Savings } from "@/lib/contracts/usage";
import { bucketsOfType } from "@/lib/inventory/query";
import { inventoryScope } from "@/lib/inventory/page";
import { accountMonthlyCost, hoursPerMonth, type PricingSettings } from "@/lib/cost/pricing";
import { countRefreshSlots, describeSlots, type HourSlots, type SlotMaskRow } from "@/lib/cost/refresh-slots";
import { bucketSaving, detectSwitch, refreshesPerHour, type BucketSaving, type UsageHour } from "@/lib/cost/savings";
import { readPricing } from "@/lib/usage/store/pricing-store";
import { hourIso, resolveRange, type HourRange } from "./range";
import { memoReport } from "./report-cache";
import { requestRates } from "./request-rates";
import { bucketHours, dataSpan, type AccountFilter } from "@/lib/usage/store/queries";
import { namedSlotRows, slotRows } from "@/lib/usage/store/slot-queries";
import { usageScope, type UsageScope } from "./usage-scope";

// GET /api/savings and the wizard's saving estimate: the usage store's hourly figures run
// through the pure cost model, per bucket, over the part of the range that has data.

/** Buckets that cannot use a Bucket Key (DSSE-KMS), from the inventory store (no AWS call). */
async function ineligibleBuckets(scope: UsageScope): Promise<Set<string>> {
  return new Set(bucketsOfType((await inventoryScope(scope.all)).ids, "DSSE-KMS"));
}

function clipToData(range: HourRange, accounts: AccountFilter): HourRange | null {
  const span = dataSpan(accounts);
  if (!span) return null;
  const fromHour = Math.max(range.fromHour, span.firstHour);
  const toHour = Math.min(range.toHour, span.lastHour + 1);
  return toHour > fromHour ? { fromHour, toHour } : null;
}

function savingsFor(
  range: HourRange,
  settings: PricingSettings,
  ineligible: Set<string>,
  scope: UsageScope,
  only?: string,
): (BucketSaving & { account: string })[] {
  const byBucket = new Map<string, { region: string; account: string; hours: UsageHour[] }>();
  const slotsOf = bucketSlots(range, settings, only);
  for (const r of bucketHours(range.fromHour, range.toHour, only, scope.accounts)) {
    const entry = byBucket.get(r.bucket) ?? { region: r.region, account: r.account || scope.consoleAccount, hours: [] };
    entry.hours.push({
      hour: r.hour,
      objectRequests: r.objectRequests,
      bucketRequests: r.bucketRequests,
      principals: r.principals,
      keys: r.keys,
      kinds: r.kinds,
      slots: slotsOf.get(r.bucket)?.get(r.hour) ?? null,
    });
    byBucket.set(r.bucket, entry);
  }
  return [...byBucket].map(([bucket, e]) => ({
    ...bucketSaving(
      {
        bucket,
        region: e.region,
        hours: e.hours,
        eligible: !ineligible.has(bucket),
        busiestSlots: busiestSlots(bucket, e.hours, settings),
      },
      range,
      settings,
    ),
    account: e.account,
  }));
}

/** bucket → hour → refresh-window slots, from the slot rows ingestion kept. */
function bucketSlots(range: HourRange, settings: PricingSettings, only?: string): Map<string, Map<number, HourSlots>> {
  const rowsByBucket = new Map<string, SlotMaskRow[]>();
  for (const r of slotRows(range.fromHour, range.toHour, only)) {
    const list = rowsByBucket.get(r.bucket);
    if (list) list.push(r);
    else rowsByBucket.set(r.bucket, [r]);
  }
  return new Map(
    [...rowsByBucket].map(([bucket, rows]) => [bucket, countRefreshSlots(rows, settings.refreshWindowMinutes)]),
  );
}

/** The named slots of a candidate's busiest hour; undefined where the figure will not be a projection. */
function busiestSlots(bucket: string, hours: UsageHour[], settings: PricingSettings) {
  if (detectSwitch(hours) !== null) return undefined;
  const busiest = hours.reduce<UsageHour | null>(
    (best, h) => (h.slots && (!best || h.slots.perRole > best.slots!.perRole) ? h : best),
    null,
  );
  if (!busiest) return undefined;
  return {
    hour: busiest.hour,
    slots: describeSlots(namedSlotRows({ bucket, hour: busiest.hour }), settings.refreshWindowMinutes),
  };
}

function savingsAssumptions(settings: PricingSettings): string[] {
  const regional = Object.entries(settings.regionPrices).map(([r, p]) => `${r} USD ${p}`);
  return [
    `KMS requests priced at USD ${settings.pricePer10k} per 10,000${regional.length ? ` (${regional.join(", ")})` : ""}; per-bucket figures at list price.`,
    settings.freeTierRequests > 0
      ? `The account's ${settings.freeTierRequests.toLocaleString("en-US")} free requests a month are subtracted from the account total only.`
      : "No free tier applied.",
    `Projected: with a Bucket Key, each requester asks KMS once per key and kind of call in every ` +
      `${settings.refreshWindowMinutes}-minute window in which it makes calls, counted from the minutes of its ` +
      `calls. AWS documents the bucket-level key as time-limited without a figure; a short window keeps the ` +
      `projection conservative.`,
    "Requester: sessions of one IAM role counted together (the headline; AWS shares a role's bucket-level key " +
      "across sessions whose session policies match), and each session on its own as the upper bound, shown in " +
      'every bucket\'s "why".',
    `Hours stored before slots were counted, or read through Athena, use the hourly estimate instead (each ` +
      `principal × key × kind charged for all ${refreshesPerHour(settings)} windows of the hour), labelled in the ` +
      `bucket's "why".`,
    "Realized: the object-level rate before the first bucket-level call (up to 30 days) continued after it, minus all calls observed since.",
    `Monthly figures are the range's hourly rate × ${hoursPerMonth} hours.`,
  ];
}

/** The current account's report, or (scope from usageScope(true)) every account's. */
export async function savingsReport(query: { from?: string; to?: string }, scope: UsageScope): Promise<Savings> {
  const ineligible = await ineligibleBuckets(scope);
  return memoReport("savings", [query, scope, [...ineligible].sort()], () =>
    computeSavingsReport(query, ineligible, scope),
  );
}

function computeSavingsReport(
  query: { from?: string; to?: string },
  ineligible: Set<string>,
  scope: UsageScope,
): Savings {
  const requested = resolveRange(query.from, query.to);
  const settings = readPricing();
  const range = clipToData(requested, scope.accounts);
  const empty = {
    costUsd: 0,
    monthlyProjectedUsd: 0,
    monthlyRealizedUsd: 0,
    monthlyAccountCostUsd: 0,
    freeTierCreditUsd: 0,
  };
  const base = {
    from: hourIso(requested.fromHour),
    to: hourIso(requested.toHour),
    assumptions: savingsAssumptions(settings),
  };
  if (!range) return { ...base, hasData: dataSpan(scope.accounts) !== null, rows: [], totals: empty, headroom: [] };

  const rows = savingsFor(range, settings, ineligible, scope).sort((a, b) => b.costUsd - a.costUsd);
  const hours = range.toHour - range.fromHour;
  // The free tier is per account: each account's bill is computed on its own, then added up.
  const monthlyByAccount = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const region = r.region ?? "unknown";
    const monthlyByRegion = monthlyByAccount.get(r.account) ?? {};
    monthlyByRegion[region] =
      (monthlyByRegion[region] ?? 0) + ((r.objectRequests + r.bucketRequests) / hours) * hoursPerMonth;
    monthlyByAccount.set(r.account, monthlyByRegion);
  }
  const bill = { net: 0, freeTierCredit: 0 };
  for (const monthlyByRegion of monthlyByAccount.values()) {
    const b = accountMonthlyCost(settings, monthlyByRegion);
    bill.net += b.net;
    bill.freeTierCredit += b.freeTierCredit;
  }
  const sum = (method: string) =>
    rows.filter((r) => r.method === method).reduce((s, r) => s + Math.max(0, r.monthlySavingUsd ?? 0), 0);
  return {
    ...base,
    hasData: true,
    rows: rows.map((r) => ({
      ...r,
      bucketKeyEnabledAt: r.bucketKeyEnabledAt === null ? null : hourIso(r.bucketKeyEnabledAt),
    })),
    totals: {
      costUsd: rows.reduce((s, r) => s + r.costUsd, 0),
      monthlyProjectedUsd: sum("projected"),
      monthlyRealizedUsd: sum("realized"),
      monthlyAccountCostUsd: bill.net,
      freeTierCreditUsd: bill.freeTierCredit,
    },
    headroom: requestRates(range, settings, scope.accounts).keys,
  };
}

type BucketSavingEstimate = {
  /** The bucket's busiest minute of object-level calls, per second. */
  peakObjectRequestsPerSecond: number;
  peakAt: string | null;
  monthlySavingUsd: number | null;
  method: string;
  /** The keys the bucket's calls used, each against its region's shared quota. */
  headroom: KeyHeadroom[];
};

/**
 * For the wizard's pre-flight: a bucket's estimated monthly KMS saving over the last 30 days
 * of usage data, its busiest minute's object-level rate and its keys' headroom; null when there
 * is no usage data.
 * `eligible` comes from the bucket's own configuration, which the review has just read: no inventory scan.
 */
export async function estimateBucketSaving(
  bucket: string,
  eligible: boolean,
  now = Date.now(),
): Promise<BucketSavingEstimate | null> {
  const scope = await usageScope(false);
  const range = clipToData(resolveRange(undefined, undefined, now), scope.accounts);
  if (!range) return null;
  const settings = readPricing();
  const ineligible = new Set(eligible ? [] : [bucket]);
  const [saving] = savingsFor(range, settings, ineligible, scope, bucket);
  if (!saving) return null;
  const rates = requestRates(range, settings, scope.accounts, bucket);
  const peak = rates.buckets.get(bucket);
  return {
    peakObjectRequestsPerSecond: peak?.perSecond ?? 0,
    peakAt: peak?.at ?? null,
    monthlySavingUsd: saving.monthlySavingUsd,
    method: saving.method,
    headroom: rates.keys,
  };
}
