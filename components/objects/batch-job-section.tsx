"use client";
import { useState } from "react";
import type { BatchJobRequest } from "@/lib/contracts/batch-jobs";
import { usePrepareBatchJob } from "@/lib/client/use-prepare-batch-job";
import { useBatchJobs } from "@/lib/client/use-batch-jobs";
import { useInventoryStatus } from "@/lib/client/use-inventory-status";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { BatchJobCard } from "./batch-job-card";

const input = "rounded border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900";

/** For buckets too large for one machine: an S3 Batch Operations job over S3's own manifest, reviewed first. */
export function BatchJobSection({ bucket, prefix }: { bucket: string; prefix: string }) {
  const inventory = useInventoryStatus(bucket);
  const csvReport = inventory.data?.report?.format === "CSV" ? inventory.data.report : null;
  const [roleArn, setRoleArn] = useState("");
  const [manifest, setManifest] = useState<BatchJobRequest["manifest"] | null>(null);
  const [operation, setOperation] = useState<BatchJobRequest["operation"]>("update-object-encryption");
  const chosen = manifest ?? (csvReport ? "inventory" : "generator");
  const prepare = usePrepareBatchJob(bucket);
  const jobs = useBatchJobs(bucket);
  const shownId = prepare.data?.id ?? jobs.data?.jobs[0]?.id ?? null;
  return (
    <details className="rounded border border-slate-200 p-3 text-sm" open={Boolean(shownId)}>
      <summary className="cursor-pointer font-medium">
        Very large bucket? Prepare an S3 Batch Operations job instead
      </summary>
      <div className="mt-2 space-y-2">
        <p className="text-slate-600">
          S3 runs the job as the role you name, over a manifest S3 provides: the latest CSV inventory report, or
          S3&apos;s manifest generator selecting the SSE-KMS objects without a Bucket Key. Nothing is listed on this
          machine. You review the request and the checks, submit it, then confirm it in S3.
        </p>
        <div className="flex flex-wrap items-end gap-3 text-xs font-medium text-slate-600">
          <label className="flex flex-col gap-1">
            IAM role for the job
            <input
              value={roleArn}
              onChange={(e) => setRoleArn(e.target.value.trim())}
              placeholder="arn:aws:iam::111122223333:role/batch-operations"
              className={`${input} w-96 font-mono`}
            />
          </label>
          <label className="flex flex-col gap-1">
            Manifest
            <select
              value={chosen}
              onChange={(e) => setManifest(e.target.value as BatchJobRequest["manifest"])}
              className={input}
            >
              <option value="inventory" disabled={!csvReport}>
                {csvReport
                  ? `Inventory report of ${new Date(csvReport.reportDate).toLocaleDateString()}`
                  : "Inventory report (needs a CSV report)"}
              </option>
              <option value="generator">S3 manifest generator (filtered)</option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Operation
            <select
              value={operation}
              onChange={(e) => setOperation(e.target.value as BatchJobRequest["operation"])}
              className={input}
            >
              <option value="update-object-encryption">Update object encryption (in place)</option>
              <option value="copy-unencrypted">Copy unencrypted objects (≤ 5 GB)</option>
            </select>
          </label>
          <Button
            disabled={prepare.isPending || !roleArn}
            onClick={() =>
              prepare.mutate({ roleArn, manifest: chosen, operation, prefix: chosen === "generator" ? prefix : "" })
            }
          >
            Prepare job
          </Button>
        </div>
        {prepare.error && <ErrorPanel title="The Batch Operations job could not be prepared." error={prepare.error} />}
        {jobs.isError && <ErrorPanel title="The Batch Operations jobs could not be read." error={jobs.error} />}
        {shownId !== null && <BatchJobCard id={shownId} />}
      </div>
    </details>
  );
}
