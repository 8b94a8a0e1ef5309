"use client";
import { useState } from "react";
import type { ReencryptJob } from "@/lib/contracts/objects";
import { useReencryptJobAction } from "@/lib/client/use-reencrypt-job-action";
import { useReencryptJobs } from "@/lib/client/use-reencrypt-jobs";
import { useReencryptDryRun } from "@/lib/client/use-reencrypt-dry-run";
import { useStartReencrypt } from "@/lib/client/use-start-reencrypt";
import type { ReencryptJobAction } from "@/lib/client/api/objects";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { BatchJobSection } from "./batch-job-section";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

export function ReencryptPanel({ bucket }: { bucket: string }) {
  const [prefix, setPrefix] = useState("");
  const [onlyWithoutBucketKey, setOnly] = useState(true);
  const [concurrency, setConcurrency] = useState(16);
  const [rate, setRate] = useState(200);
  const options = { prefix, onlyWithoutBucketKey, concurrency, ratePerSecond: rate };
  const dry = useReencryptDryRun(bucket);
  const start = useStartReencrypt(bucket);
  const jobs = useReencryptJobs(bucket);
  const latest = jobs.data?.jobs[0];
  return (
    <section
      aria-label="Re-encrypt existing objects"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 className="font-semibold">Re-encrypt existing objects</h2>
      <p className="text-sm text-slate-600">
        Moves existing objects to the bucket&apos;s default SSE-KMS key with the Bucket Key on. Where S3 supports
        UpdateObjectEncryption the change is made in place; otherwise each object is copied onto itself, keeping its
        metadata, tags and storage class (on a versioned bucket this creates a new version).
      </p>
      <div className="flex flex-wrap items-end gap-3 text-xs font-medium text-slate-600">
        <label className="flex flex-col gap-1">
          Prefix
          <input
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
            placeholder="all objects"
            className={input}
          />
        </label>
        <label className="flex flex-col gap-1">
          Concurrency
          <input
            type="number"
            min={1}
            max={64}
            value={concurrency}
            onChange={(e) => setConcurrency(Number(e.target.value))}
            className={`${input} w-20`}
          />
        </label>
        <label className="flex flex-col gap-1">
          Objects per second
          <input
            type="number"
            min={1}
            max={5000}
            value={rate}
            onChange={(e) => setRate(Number(e.target.value))}
            className={`${input} w-24`}
          />
        </label>
        <label className="flex items-center gap-2 pb-1 text-sm font-normal text-slate-800">
          <input
            type="checkbox"
            checked={onlyWithoutBucketKey}
            onChange={(e) => setOnly(e.target.checked)}
            className="size-4"
          />
          Only objects without a Bucket Key
        </label>
        <Button onClick={() => dry.mutate(options)}>Dry run</Button>
        <Button
          variant="primary"
          disabled={start.isPending || latest?.state === "running"}
          onClick={() => start.mutate(options)}
        >
          Re-encrypt
        </Button>
      </div>
      {dry.data && (
        <p className="text-sm" role="status">
          Dry run: {dry.data.objects} objects, {(dry.data.bytes / 1024 ** 2).toFixed(1)} MiB would be examined; nothing
          was written.
        </p>
      )}
      {(dry.error ?? start.error) && (
        <ErrorPanel title="Re-encryption could not start." error={dry.error ?? start.error} />
      )}
      {latest && <JobCard job={latest} bucket={bucket} />}
      <BatchJobSection bucket={bucket} prefix={prefix} />
    </section>
  );
}

function JobCard({ job, bucket }: { job: ReencryptJob; bucket: string }) {
  const action = useReencryptJobAction(bucket);
  const finished = job.done + job.skipped + job.failed;
  const pct = job.total ? Math.round((finished / job.total) * 100) : 100;
  const button = (a: ReencryptJobAction, label: string) => (
    <Button size="sm" onClick={() => action.mutate({ id: job.id, action: a })}>
      {label}
    </Button>
  );
  return (
    <div
      className="space-y-2 rounded border border-slate-200 p-3 text-sm"
      data-testid="reencrypt-job"
      data-state={job.state}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Job #{job.id}</span>
        <Badge tone={job.state === "done" ? "good" : job.state === "running" ? "info" : "neutral"}>{job.state}</Badge>
        <span className="text-slate-600">
          {finished} of {job.total} · {job.done} re-encrypted · {job.skipped} skipped · {job.failed} failed
        </span>
        <span className="ml-auto flex gap-1">
          {job.state === "running" && button("pause", "Pause")}
          {job.state === "paused" && button("resume", "Resume")}
          {(job.state === "running" || job.state === "paused") && button("cancel", "Cancel")}
          {job.failed > 0 && button("retry-failed", "Retry failed")}
        </span>
      </div>
      <div
        className="h-2 overflow-hidden rounded bg-slate-200"
        role="progressbar"
        aria-label="Objects processed"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      {job.method && (
        <p className="text-xs text-slate-600">
          Method: {job.method === "copy-object" ? "CopyObject onto itself" : "UpdateObjectEncryption"} —{" "}
          {job.methodReason}
          {job.versioned && job.method === "copy-object" && " Versioned bucket: each copy is a new version."}
        </p>
      )}
      {job.stateReason && (
        <p className="text-xs text-amber-800" data-testid="job-state-reason">
          {job.stateReason}
        </p>
      )}
      {action.isError && <p className="text-xs text-red-700">{action.error.message}</p>}
      {[...job.failures.map((f) => ({ ...f, kind: "Failed" })), ...job.skips.map((s) => ({ ...s, kind: "Skipped" }))]
        .slice(0, 20)
        .map((f) => (
          <p key={f.key} className="text-xs">
            <span className="font-medium">{f.kind}</span> <span className="font-mono">{f.key}</span>: {f.reason}
          </p>
        ))}
    </div>
  );
}
