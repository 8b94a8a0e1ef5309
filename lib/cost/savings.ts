// The Bucket Key savings model (pure). Two methods, always labeled:
//
// projected (a bucket still making object-level calls): every object-level request is a
//   KMS call today. With a Bucket Key, S3 asks KMS once per requester, key and kind of
//   call (encrypt-side GenerateDataKey vs decrypt-side Decrypt) per refresh window. So
//   per hour: estimate = the refresh-window slots the requesters' calls fell in (see
//   refresh-slots.ts; per role for the headline, per session as the upper bound), never
//   more than the object-level calls observed that hour. Hours without slot counts (stored
//   before they were kept, or from Athena) use the hourly model instead, labelled:
//   principals × keys × kinds × ceil(60 / window). Saving = observed − estimate.
//
// realized (a bucket whose calls switched to bucket level within the data): the hour of
//   the first bucket-level call is the switch. The counterfactual is the pre-switch
//   object-level rate (mean per hour over up to 30 days before the switch) continued
//   after it; the saving is that minus every call observed after the switch (objects
//   written before the switch still decrypt at object level, so those count too).
//
// Figures over the range are scaled to a month of 730 hours at the range's rate.
import { hoursPerMonth, requestCost, type PricingSettings } from "./pricing";
import type { HourSlots } from "./refresh-slots";

export type UsageHour = {
  hour: number;
  objectRequests: number;
  bucketRequests: number;
  /** Distinct requesting principals that hour. */
  principals: number;
  /** Distinct KMS keys named that hour. */
  keys: number;
  /** 1 or 2: encrypt-side (GenerateDataKey*, Encrypt, ReEncrypt) and/or decrypt-side (Decrypt) calls. */
  kinds: number;
  /** Refresh-window slots of the hour's object-level calls; null where they were not counted. */
  slots: HourSlots | null;
};

type SavingMethod = "projected" | "realized" | "no-baseline" | "not-eligible";

type BucketSavingInput = {
  bucket: string;
  region: string | null;
  /** Hours with any request, ascending, within [fromHour, toHour). */
  hours: UsageHour[];
  /** DSSE-KMS cannot use a Bucket Key: no saving to project. */
  eligible: boolean;
  /** The slots of the hour with the most, named for "why this number". */
  busiestSlots?: { hour: number; slots: string[] };
};

/** A projection's two bounds and what it was computed from. */
type Projection = {
  perRoleRequests: number;
  perSessionRequests: number;
  perSessionMonthlySavingUsd: number;
  /** Hours with object-level calls whose slots were counted, and those estimated hourly instead. */
  slotHours: number;
  hourlyFallbackHours: number;
};

export type BucketSaving = {
  bucket: string;
  region: string | null;
  method: SavingMethod;
  objectRequests: number;
  bucketRequests: number;
  costUsd: number;
  /** Requests in the range had a Bucket Key been on throughout (projected) or had it stayed off (realized: counterfactual). */
  estimatedRequests: number | null;
  estimatedCostUsd: number | null;
  monthlySavingRequests: number | null;
  monthlySavingUsd: number | null;
  bucketKeyEnabledAt: number | null;
  projection: Projection | null;
  /** Plain-language steps behind the figure ("why this number"). */
  explanation: string[];
};

const baselineHours = 30 * 24;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const usd = (n: number) => `USD ${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

export function refreshesPerHour(settings: PricingSettings): number {
  return Math.ceil(60 / Math.max(1, settings.refreshWindowMinutes));
}

/** The hourly model: every principal charged for every window of the hour it was active in. */
export function hourlyEstimate(h: UsageHour, settings: PricingSettings): number {
  return Math.min(
    h.objectRequests,
    h.principals * Math.max(1, h.keys) * Math.max(1, h.kinds) * refreshesPerHour(settings),
  );
}

type RequesterBound = "role" | "session";

/** KMS calls the hour's object-level calls would have been with a Bucket Key. */
export function estimateBucketKeyRequests(
  h: UsageHour,
  settings: PricingSettings,
  bound: RequesterBound = "role",
): number {
  if (!h.slots) return hourlyEstimate(h, settings);
  return Math.min(h.objectRequests, bound === "role" ? h.slots.perRole : h.slots.perSession);
}

/** The hour the calls switched to bucket level: first bucket-level hour that follows object-level hours. */
export function detectSwitch(hours: UsageHour[]): number | null {
  const first = hours.findIndex((h) => h.bucketRequests > 0);
  if (first <= 0) return null;
  return hours.slice(0, first).some((h) => h.objectRequests > 0) ? hours[first]!.hour : null;
}

export function bucketSaving(
  input: BucketSavingInput,
  range: { fromHour: number; toHour: number },
  settings: PricingSettings,
): BucketSaving {
  const { hours, region } = input;
  const objectRequests = hours.reduce((s, h) => s + h.objectRequests, 0);
  const bucketRequests = hours.reduce((s, h) => s + h.bucketRequests, 0);
  const cost = (n: number) => requestCost(settings, n, region);
  const rangeHours = Math.max(1, range.toHour - range.fromHour);
  const base = {
    bucket: input.bucket,
    region,
    objectRequests,
    bucketRequests,
    costUsd: cost(objectRequests + bucketRequests),
  };
  const observed =
    `Observed in the range: ${fmt(objectRequests)} object-level and ${fmt(bucketRequests)} ` +
    `bucket-level KMS requests (${usd(cost(objectRequests + bucketRequests))}).`;
  const none = {
    estimatedRequests: null,
    estimatedCostUsd: null,
    monthlySavingRequests: null,
    monthlySavingUsd: null,
    projection: null,
  };

  if (!input.eligible) {
    return {
      ...base,
      ...none,
      method: "not-eligible",
      bucketKeyEnabledAt: null,
      explanation: [observed, "DSSE-KMS buckets cannot use a Bucket Key, so there is nothing to save."],
    };
  }

  const switchHour = detectSwitch(hours);
  if (switchHour !== null) {
    const pre = hours.filter((h) => h.hour < switchHour && h.hour >= switchHour - baselineHours);
    const preStart = Math.max(range.fromHour, switchHour - baselineHours);
    const preHours = Math.max(1, switchHour - preStart);
    const baselineRate = pre.reduce((s, h) => s + h.objectRequests, 0) / preHours;
    const post = hours.filter((h) => h.hour >= switchHour);
    const postHours = Math.max(1, range.toHour - switchHour);
    const postObserved = post.reduce((s, h) => s + h.objectRequests + h.bucketRequests, 0);
    const counterfactual = baselineRate * postHours;
    const monthlySavingRequests = ((counterfactual - postObserved) / postHours) * hoursPerMonth;
    return {
      ...base,
      method: "realized",
      estimatedRequests: counterfactual,
      estimatedCostUsd: cost(counterfactual),
      monthlySavingRequests,
      monthlySavingUsd: cost(monthlySavingRequests),
      bucketKeyEnabledAt: switchHour,
      projection: null,
      explanation: [
        observed,
        `Bucket-level calls start at ${new Date(switchHour * 3_600_000).toISOString().slice(0, 13)}:00 UTC: taken as the hour the Bucket Key was turned on.`,
        `Baseline before it: ${baselineRate.toFixed(1)} object-level requests per hour (mean over ${preHours} hours, at most 30 days).`,
        `Without the Bucket Key, the ${postHours} hours since would have made ` +
          `about ${fmt(counterfactual)} requests; they made ${fmt(postObserved)} (bucket-level ` +
          `plus object-level calls for objects written before).`,
        `Monthly (730 hours at that rate): ${fmt(monthlySavingRequests)} requests, ${usd(cost(monthlySavingRequests))}.`,
      ],
    };
  }

  if (objectRequests === 0) {
    return {
      ...base,
      ...none,
      method: "no-baseline",
      bucketKeyEnabledAt: null,
      explanation: [
        observed,
        bucketRequests > 0
          ? "Only bucket-level calls in the data: the Bucket Key was on before the data starts, so there is no baseline to compare with."
          : "No KMS requests in the range.",
      ],
    };
  }

  const monthly = (estimate: number) => ((objectRequests + bucketRequests - estimate) / rangeHours) * hoursPerMonth;
  const total = (bound: RequesterBound) =>
    hours.reduce((s, h) => s + estimateBucketKeyRequests(h, settings, bound) + h.bucketRequests, 0);
  const estimate = total("role");
  const perSession = total("session");
  const monthlySavingRequests = monthly(estimate);
  const active = hours.filter((h) => h.objectRequests > 0);
  const slotHours = active.filter((h) => h.slots).length;
  const fallbackHours = active.length - slotHours;
  return {
    ...base,
    method: "projected",
    estimatedRequests: estimate,
    estimatedCostUsd: cost(estimate),
    monthlySavingRequests,
    monthlySavingUsd: cost(monthlySavingRequests),
    bucketKeyEnabledAt: null,
    projection: {
      perRoleRequests: estimate,
      perSessionRequests: perSession,
      perSessionMonthlySavingUsd: cost(monthly(perSession)),
      slotHours,
      hourlyFallbackHours: fallbackHours,
    },
    explanation: [
      observed,
      ...projectionSteps(input, settings, { slotHours, fallbackHours }),
      `Estimated requests with a Bucket Key: ${fmt(estimate)} (${usd(cost(estimate))}) counting sessions of one ` +
        `role together — the headline, as AWS shares a role's bucket-level key across sessions with matching ` +
        `session policies; ${fmt(perSession)} (${usd(cost(perSession))}) if every session fetched its own key.`,
      `Saving over the ${rangeHours} hours: ${fmt(objectRequests + bucketRequests - estimate)} requests; monthly ` +
        `(730 hours at that rate): ${fmt(monthlySavingRequests)} requests, ${usd(cost(monthlySavingRequests))} ` +
        `(${usd(cost(monthly(perSession)))} per session).`,
    ],
  };
}

const hourLabel = (hour: number) => `${new Date(hour * 3_600_000).toISOString().slice(0, 13).replace("T", " ")}:00 UTC`;

/** How the projection was made: the slots counted, and where the hourly model stood in. */
function projectionSteps(
  input: BucketSavingInput,
  settings: PricingSettings,
  counted: { slotHours: number; fallbackHours: number },
): string[] {
  const w = settings.refreshWindowMinutes;
  const slots = input.hours.reduce((s, h) => s + (h.slots?.perRole ?? 0), 0);
  const sessionSlots = input.hours.reduce((s, h) => s + (h.slots?.perSession ?? 0), 0);
  const steps: string[] = [];
  if (counted.slotHours > 0) {
    steps.push(
      `With a Bucket Key, S3 asks KMS once per requester, key and kind of call (encrypt, decrypt) in each ` +
        `${w}-minute refresh window the requester makes calls in. Counted from the minutes of the calls: ` +
        `${fmt(slots)} such slots per role, ${fmt(sessionSlots)} per session, over ${fmt(counted.slotHours)} ` +
        `hours.`,
    );
    const busiest = input.busiestSlots;
    if (busiest && busiest.slots.length)
      steps.push(
        `Busiest hour, ${hourLabel(busiest.hour)}: ` +
          `${busiest.slots.slice(0, 6).join("; ")}${busiest.slots.length > 6 ? `; and ${busiest.slots.length - 6} more` : ""}.`,
      );
  }
  if (counted.fallbackHours > 0) {
    const peakPrincipals = Math.max(0, ...input.hours.filter((h) => !h.slots).map((h) => h.principals));
    steps.push(
      `Hourly estimate (fallback) for ${fmt(counted.fallbackHours)} hours without slot counts (stored before they ` +
        `were kept, or read through Athena): each principal (up to ${peakPrincipals} an hour) charged for all ` +
        `${refreshesPerHour(settings)} windows of every hour it was active, per key and kind — never more than ` +
        `the calls it made.`,
    );
  }
  return steps;
}
