"use client";
import { useState } from "react";
import type { InventorySetupRequest } from "@/lib/contracts/object-inventory";
import { useApplyInventorySetup } from "@/lib/client/use-apply-inventory-setup";
import { useReviewInventorySetup } from "@/lib/client/use-review-inventory-setup";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { JsonBlock } from "./json-block";

const input = "rounded border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900";

/** No usable inventory report: propose a daily inventory with the encryption fields, reviewed before it is applied. */
export function InventorySetupSection({ bucket, problem }: { bucket: string; problem: string | null }) {
  const [setup, setSetup] = useState<InventorySetupRequest>({
    destinationBucket: "",
    format: "CSV",
    prefix: "inventory",
  });
  const review = useReviewInventorySetup(bucket);
  const apply = useApplyInventorySetup(bucket);
  const reviewed = review.data;
  const edit = (patch: Partial<InventorySetupRequest>) => {
    setSetup({ ...setup, ...patch });
    review.reset();
  };
  return (
    <div className="space-y-2 rounded border border-slate-200 p-3 text-sm" data-testid="inventory-setup">
      <h3 className="font-medium">Add an S3 Inventory for this bucket</h3>
      <p className="text-slate-600">
        {problem} A daily inventory report lets the console audit any number of objects without a request per object,
        and serves as the manifest of a Batch Operations job.
      </p>
      <div className="flex flex-wrap items-end gap-3 text-xs font-medium text-slate-600">
        <label className="flex flex-col gap-1">
          Destination bucket (same region)
          <input
            value={setup.destinationBucket}
            onChange={(e) => edit({ destinationBucket: e.target.value.trim() })}
            placeholder="my-inventory-reports"
            className={`${input} w-64 font-mono`}
          />
        </label>
        <label className="flex flex-col gap-1">
          Prefix
          <input value={setup.prefix} onChange={(e) => edit({ prefix: e.target.value })} className={`${input} w-40`} />
        </label>
        <label className="flex flex-col gap-1">
          Format
          <select
            value={setup.format}
            onChange={(e) => edit({ format: e.target.value as InventorySetupRequest["format"] })}
            className={input}
          >
            <option value="CSV">CSV (also a Batch Operations manifest)</option>
            <option value="Parquet">Parquet</option>
          </select>
        </label>
        <Button disabled={review.isPending || !setup.destinationBucket} onClick={() => review.mutate(setup)}>
          Review inventory configuration
        </Button>
      </div>
      {(review.error ?? apply.error) && (
        <ErrorPanel
          title={review.error ? "The configuration could not be prepared." : "The configuration could not be applied."}
          error={review.error ?? apply.error}
        />
      )}
      {reviewed && !apply.data && (
        <div className="space-y-2" data-testid="inventory-review">
          <JsonBlock label="PutBucketInventoryConfiguration" value={reviewed.request} />
          <JsonBlock
            label={`Statement added to the policy of ${setup.destinationBucket} (S3 needs it to write the reports)`}
            value={reviewed.destinationStatement}
          />
          <details>
            <summary className="cursor-pointer text-xs text-slate-700">
              The whole policy of {setup.destinationBucket} after the change (PutBucketPolicy)
            </summary>
            <JsonBlock label="PutBucketPolicy" value={reviewed.destinationPolicy} />
          </details>
          <p className="text-slate-600">{reviewed.firstReport}</p>
          <Button disabled={apply.isPending} onClick={() => apply.mutate(setup)} variant="primary">
            Apply inventory configuration
          </Button>
        </div>
      )}
      {apply.data && (
        <p role="status" className="text-emerald-800">
          Inventory configuration applied. {apply.data.firstReport}
        </p>
      )}
    </div>
  );
}
