"use client";
import { useState } from "react";
import type { usePreflights } from "@/lib/client/use-preflights";
import { Button } from "@/components/ui/button";
import { BucketReview } from "./bucket-review";

// The review of many buckets: a progress bar while the checks run (a few at a time), the
// counts, and one line per bucket with its verdict; a bucket's full review opens on demand, so
// hundreds of buckets do not render hundreds of diffs and code panels.

/** From this many buckets the review is a list of verdicts instead of one full review each. */
export const bulkReviewFrom = 10;

type Preflight = ReturnType<typeof usePreflights>[number];
type Verdict = "checking" | "pass" | "warn" | "fail" | "error";

const verdictOf = (p: Preflight): Verdict =>
  p.isPending
    ? "checking"
    : p.isError
      ? "error"
      : p.data!.checks.some((c) => c.status === "fail")
        ? "fail"
        : p.data!.checks.some((c) => c.status === "warn")
          ? "warn"
          : "pass";

const verdictText: Record<Verdict, string> = {
  checking: "checking…",
  pass: "all checks passed",
  warn: "ready, with warnings to acknowledge",
  fail: "a check failed: will be skipped",
  error: "the checks could not run: will be skipped",
};
const verdictStyle: Record<Verdict, string> = {
  checking: "text-slate-500",
  pass: "text-emerald-700",
  warn: "text-amber-700",
  fail: "text-red-700",
  error: "text-red-700",
};

export function BulkReviewList({ buckets, preflights }: { buckets: string[]; preflights: Preflight[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const verdicts = preflights.map(verdictOf);
  const tally = (v: Verdict) => verdicts.filter((x) => x === v).length;
  const done = verdicts.length - tally("checking");
  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label="Buckets checked"
        aria-valuemin={0}
        aria-valuemax={buckets.length}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${(done / buckets.length) * 100}%` }} />
      </div>
      <p className="text-sm" data-testid="review-tally" aria-live="polite">
        Checked {done} of {buckets.length}: {tally("pass")} passed, {tally("warn")} with warnings,{" "}
        {tally("fail") + tally("error")} to skip.
      </p>
      <ul className="max-h-[60vh] divide-y divide-slate-100 overflow-auto rounded-lg border border-slate-200 bg-white">
        {buckets.map((bucket, i) => {
          const verdict = verdicts[i]!;
          const firstProblem = preflights[i]!.data?.checks.find((c) => c.status !== "pass");
          return (
            <li key={bucket} className="px-3 py-2 text-sm" data-testid={`review-${bucket}`} data-verdict={verdict}>
              <div className="flex items-center justify-between gap-3">
                <span>
                  <span className="font-medium">{bucket}</span>:{" "}
                  <span className={verdictStyle[verdict]}>{verdictText[verdict]}</span>
                  {firstProblem && <span className="block text-xs text-slate-600">{firstProblem.message}</span>}
                </span>
                <Button
                  size="sm"
                  aria-expanded={open === bucket}
                  onClick={() => setOpen(open === bucket ? null : bucket)}
                >
                  {open === bucket ? "Hide details" : "Details"}
                </Button>
              </div>
              {open === bucket && (
                <div className="mt-2">
                  <BucketReview bucket={bucket} preflight={preflights[i]!} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
