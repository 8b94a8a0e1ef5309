"use client";
import type { BatchJobCheck, PreparedBatchJob } from "@/lib/contracts/batch-jobs";
import { useBatchJob } from "@/lib/client/use-batch-job";
import { useSubmitBatchJob } from "@/lib/client/use-submit-batch-job";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { JsonBlock } from "./json-block";
import { age } from "./audit-figures";

const tone: Record<BatchJobCheck["status"], BadgeTone> = {
  pass: "good",
  warn: "warn",
  fail: "bad",
  unknown: "neutral",
};

/** A prepared job: its checks, the role's policies and the CreateJob request; after submit, S3's status. */
export function BatchJobCard({ id }: { id: number }) {
  const job = useBatchJob(id);
  const submit = useSubmitBatchJob();
  if (job.isPending) return <p className="text-slate-600">Loading job #{id}…</p>;
  if (job.isError)
    return <ErrorPanel title={`Job #${id} could not be read.`} error={job.error} onRetry={() => job.refetch()} />;
  const j = job.data;
  return (
    <div className="space-y-2" data-testid="batch-job">
      <p className="font-medium">
        Job #{j.id}: {j.operation === "update-object-encryption" ? "UpdateObjectEncryption" : "copy"} over{" "}
        {j.manifest === "inventory" ? `the inventory report of ${j.reportDate}` : "S3's manifest generator"}
      </p>
      {j.submittedJobId ? (
        <BatchJobStatusLine job={j} />
      ) : (
        <>
          <ul className="space-y-1" aria-label="Checks before submit">
            {j.checks.map((c) => (
              <li key={c.id} className="flex gap-2" data-testid={`check-${c.id}`}>
                <Badge tone={tone[c.status]}>{c.status}</Badge>
                <span>
                  <span className="font-medium">{c.title}:</span> {c.detail}
                </span>
              </li>
            ))}
          </ul>
          <div className="grid gap-2 md:grid-cols-2">
            <JsonBlock label="The role's trust policy" value={j.trustPolicy} />
            <JsonBlock label="The role's permissions" value={j.rolePolicy} />
          </div>
          <JsonBlock label="S3 Control CreateJob request" value={j.request} />
          {submit.error && <ErrorPanel title="The job could not be submitted." error={submit.error} />}
          <Button
            disabled={submit.isPending || j.checks.some((c) => c.status === "fail")}
            onClick={() => submit.mutate(j.id)}
            variant="primary"
          >
            Submit this job
          </Button>
        </>
      )}
    </div>
  );
}

export function BatchJobStatusLine({ job }: { job: PreparedBatchJob }) {
  const s = job.status;
  const pct = s?.total ? Math.round((((s.succeeded ?? 0) + (s.failed ?? 0)) / s.total) * 100) : 0;
  return (
    <div className="space-y-1" data-testid="batch-job-status">
      <p className="flex flex-wrap items-center gap-2">
        <span>S3 job {job.submittedJobId}</span>
        <Badge tone={s?.status === "Complete" ? "good" : s?.status === "Failed" ? "bad" : "info"}>
          {s?.status ?? "Submitted"}
        </Badge>
        {s && (
          <span className="text-slate-600">
            {(s.succeeded ?? 0).toLocaleString()} succeeded · {(s.failed ?? 0).toLocaleString()} failed of{" "}
            {s.total?.toLocaleString() ?? "?"} tasks · checked {age(s.checkedAt)}
          </span>
        )}
      </p>
      {s?.total ? (
        <div
          className="h-2 overflow-hidden rounded bg-slate-200"
          role="progressbar"
          aria-label="Batch Operations tasks done"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      {s?.status === "Suspended" && (
        <p className="text-slate-600">Waiting for confirmation: confirm the job in the S3 console to run it.</p>
      )}
      {s?.reportLocation && (
        <p className="text-xs text-slate-600">
          Completion report: <span className="font-mono">{s.reportLocation}</span>
        </p>
      )}
      {s?.failureReasons.map((r) => (
        <p key={r} className="text-xs text-red-700">
          {r}
        </p>
      ))}
      {job.statusError && <p className="text-xs text-amber-800">Status not refreshed: {job.statusError}</p>}
    </div>
  );
}
