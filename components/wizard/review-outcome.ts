import type { PreflightResult } from "@/lib/contracts/encryption";

// What a review over many buckets allows: the buckets whose checks all passed or warned are
// saved; a bucket whose check failed, or whose checks could not run, is skipped and listed with
// why, so one bad bucket among hundreds never holds back the others.

/** One bucket's review as the wizard holds it (a React Query result, reduced). */
export type BucketReview = { bucket: string; pending: boolean; data: PreflightResult | undefined; error: unknown };

export type Skipped = { bucket: string; message: string };

export type ReviewOutcome = {
  /** Reviews finished (passed, warned, failed or errored). */
  done: number;
  settled: boolean;
  toSave: PreflightResult[];
  skipped: Skipped[];
  /** Some bucket to save has a warning the user must acknowledge. */
  warnings: boolean;
};

function skipReason(r: BucketReview): string | null {
  if (r.data) {
    const failed = r.data.checks.find((c) => c.status === "fail");
    return failed ? `${failed.title}: ${failed.message}` : null;
  }
  if (r.error) return `The checks could not run: ${r.error instanceof Error ? r.error.message : String(r.error)}`;
  return null;
}

export function reviewOutcome(reviews: BucketReview[]): ReviewOutcome {
  const finished = reviews.filter((r) => !r.pending && (r.data || r.error));
  const skipped: Skipped[] = [];
  const toSave: PreflightResult[] = [];
  for (const r of finished) {
    const reason = skipReason(r);
    if (reason) skipped.push({ bucket: r.bucket, message: reason });
    else if (r.data) toSave.push(r.data);
  }
  return {
    done: finished.length,
    settled: finished.length === reviews.length,
    toSave,
    skipped,
    warnings: toSave.some((r) => r.checks.some((c) => c.status === "warn")),
  };
}

/** Why Save is disabled, or null when it may be pressed. */
export function saveBlockedReason(outcome: ReviewOutcome, total: number, acknowledged: boolean): string | null {
  if (!outcome.settled)
    return total > 1 ? `Waiting for the checks (${outcome.done} of ${total}).` : "Waiting for the checks.";
  if (outcome.toSave.length === 0)
    return total > 1 ? "Every bucket failed a check: fix them before saving." : "A check failed: fix it before saving.";
  if (outcome.warnings && !acknowledged) return "Acknowledge the warnings to save.";
  return null;
}
