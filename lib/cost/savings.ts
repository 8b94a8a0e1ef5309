// The Bucket Key savings model (pure). Two methods, always labeled:
//
// projected (a bucket still making object-level calls): every object-level request is a
//   KMS call today. With a Bucket Key, S3 asks KMS once per requester, key and kind of
//   call (encrypt-side GenerateDataKey vs decrypt-side Decrypt) per refresh window. So
//   per hour: estimate = principals × keys × kinds × ceil(60 / window), never more than
//   the object-level calls observed that hour. Saving = observed − estimate.
//
// realized (a bucket whose calls switched to bucket level within the data): the hour of
//   the first bucket-level call is the switch. The counterfactual is the pre-switch
//   object-level rate (mean per hour over up to 30 days before the switch) continued
//   after it; the saving is that minus every call observed after the switch (objects
//   written before the switch still decrypt at object level, so those count too).
//
// Figures over the range are scaled to a month of 730 hours at the range's rate.
import { hoursPerMonth, requestCost, type PricingSettings } from "./pricing";

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
};

type SavingMethod = "projected" | "realized" | "no-baseline" | "not-eligible";

type BucketSavingInput = {
  bucket: string;
  region: string | null;
  /** Hours with any request, ascending, within [fromHour, toHour). */
  hours: UsageHour[];
  /** DSSE-KMS cannot use a Bucket Key: no saving to project. */
  eligible: boolean;
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
  /** Plain-language steps behind the figure ("why this number"). */
  explanation: string[];
};

const baselineHours = 30 * 24;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const usd = (n: number) => `USD ${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

export function refreshesPerHour(settings: PricingSettings): number {
  return Math.ceil(60 / Math.max(1, settings.refreshWindowMinutes));
}

export function estimateBucketKeyRequests(h: UsageHour, settings: PricingSettings): number {
  return Math.min(
    h.objectRequests,
    h.principals * Math.max(1, h.keys) * Math.max(1, h.kinds) * refreshesPerHour(settings),
  );
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
  const none = { estimatedRequests: null, estimatedCostUsd: null, monthlySavingRequests: null, monthlySavingUsd: null };

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

  const estimate = hours.reduce((s, h) => s + estimateBucketKeyRequests(h, settings) + h.bucketRequests, 0);
  const monthlySavingRequests = ((objectRequests + bucketRequests - estimate) / rangeHours) * hoursPerMonth;
  const peakPrincipals = Math.max(...hours.map((h) => h.principals));
  return {
    ...base,
    method: "projected",
    estimatedRequests: estimate,
    estimatedCostUsd: cost(estimate),
    monthlySavingRequests,
    monthlySavingUsd: cost(monthlySavingRequests),
    bucketKeyEnabledAt: null,
    explanation: [
      observed,
      `With a Bucket Key, each requesting principal (up to ${peakPrincipals} an hour here) asks ` +
        `KMS once per key and kind of call (encrypt, decrypt) ` +
        `every ${settings.refreshWindowMinutes} minutes — ${refreshesPerHour(settings)} times an ` +
        `hour — never more than the calls it made.`,
      `Estimated requests with a Bucket Key: ${fmt(estimate)} (${usd(cost(estimate))}).`,
      `Saving over the ${rangeHours} hours: ${fmt(objectRequests + bucketRequests - estimate)} ` +
        `requests; monthly (730 hours at that rate): ${fmt(monthlySavingRequests)} ` +
        `requests, ${usd(cost(monthlySavingRequests))}.`,
    ],
  };
}
