"use client";
import Link from "next/link";
import type { IngestStatus } from "@/lib/contracts/usage";
import { useIngestStatus } from "@/lib/client/use-ingest-status";
import { QueryState } from "@/components/ui/query-state";
import { TrailWarnings } from "@/components/usage/trail-warnings";

/** Settings → CloudTrail coverage: what the last ingestion found about each trail's event selectors. */
export function TrailCoverage() {
  const status = useIngestStatus();
  const body = (s: IngestStatus) => {
    if (s.state === "idle" || s.state === "running")
      return (
        <p className="text-slate-600">
          {s.state === "running"
            ? "Checking the trails while CloudTrail is read…"
            : "Not checked since the server started:"}{" "}
          each run of{" "}
          <Link href="/reports" className="text-brand-700 underline">
            Read new CloudTrail files
          </Link>{" "}
          reads every trail&rsquo;s logging status, regions and event selectors.
        </p>
      );
    if (s.warnings.length > 0) return <TrailWarnings warnings={s.warnings} />;
    if (s.source === "lookup-events")
      return (
        <p className="text-slate-600">
          No trail delivers log files: usage comes from the event history, which records every management event.
        </p>
      );
    return (
      <p className="text-emerald-800" data-testid="trail-coverage-ok">
        Every trail read in the last run logs S3&rsquo;s KMS calls (read-only management events) in the regions of your
        buckets.
      </p>
    );
  };
  return (
    <section
      className="mt-6 max-w-3xl space-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm"
      aria-label="CloudTrail coverage"
    >
      <h2 className="font-semibold">CloudTrail coverage</h2>
      <p className="text-xs text-slate-500">
        S3&rsquo;s GenerateDataKey and Decrypt calls are read-only KMS management events: a trail that records only
        write events, excludes kms.amazonaws.com, turns management events off, is not logging or covers one region only
        misses them, and the console would otherwise show too little usage.
      </p>
      <QueryState
        query={status}
        loading="Loading the trails' coverage"
        rows={2}
        errorTitle="The trails' coverage could not be loaded."
      >
        {body}
      </QueryState>
    </section>
  );
}
