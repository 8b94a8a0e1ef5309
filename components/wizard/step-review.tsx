"use client";
import type { usePreflights } from "@/lib/client/use-preflights";
import { BucketReview } from "./bucket-review";
import { BulkReviewList, bulkReviewFrom } from "./bulk-review-list";

type Props = {
  buckets: string[];
  preflights: ReturnType<typeof usePreflights>;
  /** A bucket that will be saved has a warning: the user acknowledges it before saving. */
  warnings: boolean;
  acknowledged: boolean;
  onAcknowledge: (v: boolean) => void;
};

export function StepReview({ buckets, preflights, warnings, acknowledged, onAcknowledge }: Props) {
  return (
    <section aria-labelledby="review-heading" className="space-y-4">
      <h2 id="review-heading" className="text-lg font-semibold">
        Review
      </h2>
      {buckets.length >= bulkReviewFrom ? (
        <BulkReviewList buckets={buckets} preflights={preflights} />
      ) : (
        buckets.map((bucket, i) => <BucketReview key={bucket} bucket={bucket} preflight={preflights[i]!} />)
      )}
      {warnings && (
        <label className="flex items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
          <input
            type="checkbox"
            checked={acknowledged}
            onChange={(e) => onAcknowledge(e.target.checked)}
            className="size-4"
          />
          I have read the warnings above and want to save anyway.
        </label>
      )}
    </section>
  );
}
