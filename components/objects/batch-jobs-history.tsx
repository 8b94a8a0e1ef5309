"use client";
import { useBatchJobs } from "@/lib/client/use-batch-jobs";
import { ErrorPanel } from "@/components/ui/error-panel";
import { BatchJobStatusLine } from "./batch-job-card";

/** History: every S3 Batch Operations job the console prepared, with S3's status for the submitted ones. */
export function BatchJobsHistory() {
  const jobs = useBatchJobs(null);
  return (
    <section
      aria-label="S3 Batch Operations jobs"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 className="font-semibold">S3 Batch Operations jobs</h2>
      {jobs.isPending && <p className="text-slate-600">Loading jobs…</p>}
      {jobs.isError && (
        <ErrorPanel title="The jobs could not be read." error={jobs.error} onRetry={() => jobs.refetch()} />
      )}
      {jobs.data?.jobs.length === 0 && <p className="text-slate-600">No Batch Operations job prepared yet.</p>}
      <ul className="divide-y divide-slate-100">
        {jobs.data?.jobs.map((j) => (
          <li key={j.id} className="py-2">
            <p>
              <span className="font-medium">#{j.id}</span> {j.bucket} ·{" "}
              {j.manifest === "inventory" ? `inventory report of ${j.reportDate}` : "manifest generator"} · prepared{" "}
              {new Date(j.createdAt).toLocaleString()}
            </p>
            {j.submittedJobId ? (
              <BatchJobStatusLine job={j} />
            ) : (
              <p className="text-slate-600">Prepared, not submitted.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
