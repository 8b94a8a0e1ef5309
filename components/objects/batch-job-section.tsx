"use client";
import { useState } from "react";
import { usePrepareBatchJob } from "@/lib/client/use-prepare-batch-job";
import { useSubmitBatchJob } from "@/lib/client/use-submit-batch-job";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";

const input = "rounded border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900";

/** For buckets too large for one machine: an S3 Batch Operations job, reviewed before it is submitted. */
export function BatchJobSection({ bucket, prefix }: { bucket: string; prefix: string }) {
  const [roleArn, setRoleArn] = useState("");
  const [operation, setOperation] = useState<"update-object-encryption" | "copy">("update-object-encryption");
  const prepare = usePrepareBatchJob(bucket);
  const submit = useSubmitBatchJob();
  const prepared = submit.data ?? prepare.data;
  return (
    <details className="rounded border border-slate-200 p-3 text-sm">
      <summary className="cursor-pointer font-medium">
        Very large bucket? Prepare an S3 Batch Operations job instead
      </summary>
      <div className="mt-2 space-y-2">
        <p className="text-slate-600">
          The console writes a manifest of the objects to{" "}
          <span className="font-mono">.bucket-key-console/batch-manifests/</span> in this bucket and shows the S3
          Control CreateJob request; S3 runs the job as the role you name, after you submit it (and confirm it in S3).
        </p>
        <div className="flex flex-wrap items-end gap-3 text-xs font-medium text-slate-600">
          <label className="flex flex-col gap-1">
            IAM role for the job
            <input
              value={roleArn}
              onChange={(e) => setRoleArn(e.target.value)}
              placeholder="arn:aws:iam::111122223333:role/batch-operations"
              className={`${input} w-96 font-mono`}
            />
          </label>
          <label className="flex flex-col gap-1">
            Operation
            <select
              value={operation}
              onChange={(e) => setOperation(e.target.value as typeof operation)}
              className={input}
            >
              <option value="update-object-encryption">Update object encryption (in place)</option>
              <option value="copy">Copy onto itself</option>
            </select>
          </label>
          <Button disabled={prepare.isPending} onClick={() => prepare.mutate({ roleArn, operation, prefix })}>
            Prepare job
          </Button>
        </div>
        {(prepare.error ?? submit.error) && (
          <ErrorPanel
            title="The Batch Operations job could not be prepared or submitted."
            error={prepare.error ?? submit.error}
          />
        )}
        {prepared && (
          <div className="space-y-2" data-testid="batch-job">
            <p>
              Manifest of {prepared.objects} objects written to{" "}
              <span className="font-mono">{prepared.manifestKey}</span>. The request:
            </p>
            <pre className="max-h-64 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {JSON.stringify(prepared.request, null, 2)}
            </pre>
            {prepared.submittedJobId ? (
              <p role="status" className="text-emerald-800">
                Submitted: S3 Batch Operations job {prepared.submittedJobId}. Confirm it in the S3 console to run it.
              </p>
            ) : (
              <Button variant="primary" disabled={submit.isPending} onClick={() => submit.mutate(prepared.id)}>
                Submit this job
              </Button>
            )}
          </div>
        )}
      </div>
    </details>
  );
}
