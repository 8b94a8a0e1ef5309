// The bill beside CloudTrail, per KMS key and day (pure).
//
// The bill counts every symmetric request made with the key, by anyone; CloudTrail's S3 figure
// counts the calls S3 made for buckets that use the key. Their ratio is the share of the key's
// bill that S3 explains. A gap is not an error by itself (other services and principals use
// keys too), so it is named with its likely causes, the trail blind spots the console found
// first: those make CloudTrail read low for reasons that are the trail's, not the key's.

export type KeyDayInput = {
  day: string;
  /** Symmetric requests and their cost on the bill for this key and day. */
  billRequests: number;
  billCostUsd: number;
  /** Other request kinds on the bill for the key (asymmetric, data key pairs): never S3's. */
  otherBillRequests: number;
  /** S3's KMS calls with this key that day, from CloudTrail (all buckets). */
  trailRequests: number;
};

export type Reconciliation = "matches" | "gap" | "trail-over-bill" | "bill-missing";

export type KeyDayReconciliation = KeyDayInput & {
  /** trailRequests / billRequests; null when the bill has no requests for the day. */
  share: number | null;
  explainedCostUsd: number;
  unexplainedCostUsd: number;
  status: Reconciliation;
  /** Likely causes, most likely first; empty when the figures match. */
  causes: string[];
};

/** Below this share, the rest of the key's bill is a gap worth a warning. */
export const gapThreshold = 0.9;
/** CloudTrail above the bill by more than this is not rounding. */
const overTolerance = 1.02;

export function reconcileKeyDay(input: KeyDayInput, blindSpots: readonly string[]): KeyDayReconciliation {
  const { billRequests, billCostUsd, trailRequests, otherBillRequests } = input;
  if (billRequests <= 0)
    return {
      ...input,
      share: null,
      explainedCostUsd: 0,
      unexplainedCostUsd: 0,
      status: trailRequests > 0 ? "bill-missing" : "matches",
      causes:
        trailRequests > 0
          ? [
              "The bill read so far has no request line for this key and day: its month is not read yet, " +
                "the export has no resource ids (requests are then per account and region), or the day is not billed yet.",
            ]
          : [],
    };
  const share = trailRequests / billRequests;
  const explainedCostUsd = billCostUsd * Math.min(1, share);
  const base = { ...input, share, explainedCostUsd, unexplainedCostUsd: billCostUsd - explainedCostUsd };
  if (share > overTolerance)
    return {
      ...base,
      status: "trail-over-bill",
      causes: [
        "CloudTrail counts more S3 calls than the bill has requests: the bill for the day may not be final " +
          "(AWS revises it until the month closes), or two trails deliver the same calls and both were read.",
      ],
    };
  if (share >= gapThreshold) return { ...base, status: "matches", causes: [] };
  const causes = [...blindSpots];
  if (otherBillRequests > 0)
    causes.push(`The key also made ${otherBillRequests.toLocaleString("en-US")} asymmetric requests: not S3's.`);
  causes.push(
    trailRequests === 0
      ? "No S3 call with this key is in the CloudTrail read for the day: other services or principals use the key, " +
          "or the day's log files are not read yet."
      : "Other AWS services (EBS, RDS, Lambda, Secrets Manager…) or principals outside S3 use this key.",
  );
  return { ...base, status: "gap", causes };
}

export type KeyTotals = {
  billRequests: number;
  billCostUsd: number;
  trailRequests: number;
  explainedCostUsd: number;
  share: number | null;
  gapDays: number;
};

/** A key's days added up: the share over the period weighs each day by its bill. */
export function keyTotals(days: readonly KeyDayReconciliation[]): KeyTotals {
  let billRequests = 0;
  let billCostUsd = 0;
  let trailRequests = 0;
  let explainedCostUsd = 0;
  let gapDays = 0;
  for (const d of days) {
    billRequests += d.billRequests;
    billCostUsd += d.billCostUsd;
    trailRequests += d.trailRequests;
    explainedCostUsd += d.explainedCostUsd;
    if (d.status !== "matches") gapDays++;
  }
  return {
    billRequests,
    billCostUsd,
    trailRequests,
    explainedCostUsd,
    share: billCostUsd > 0 ? explainedCostUsd / billCostUsd : null,
    gapDays,
  };
}
