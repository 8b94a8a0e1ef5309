"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { IngestStatus } from "@/lib/contracts/usage";
import { useIngestStatus } from "@/lib/client/use-ingest-status";
import { useStartIngest } from "@/lib/client/use-start-ingest";
import { Button } from "@/components/ui/button";
import { TrailWarnings } from "./trail-warnings";

/** What to show instead of a chart when the store has no usage yet: each case says what to do. */
export function noUsageState(status: IngestStatus | undefined): { title: string; body: ReactNode } {
  if (status?.state === "running") {
    return {
      title: "Reading CloudTrail…",
      body: `${status.filesDone} of ${status.filesTotal || "?"} files so far. The charts fill in when it finishes.`,
    };
  }
  if (status?.state === "failed") {
    return {
      title: "Reading CloudTrail failed.",
      body: (
        <>
          {status.message} Fix the cause and read again from{" "}
          <Link href="/reports" className="text-brand-700 underline">
            Reports
          </Link>
          .
        </>
      ),
    };
  }
  if (status?.state === "done" && status.source === "lookup-events") {
    return {
      title: "No trail, and no S3 KMS calls in the event history.",
      body:
        "No CloudTrail trail delivers log files to S3 in this account, and the last 90 days of event history hold " +
        "no KMS calls made by S3. Create a trail (management events, read and write) to record them.",
    };
  }
  return {
    title: "No KMS usage recorded yet.",
    body: (
      <>
        Usage comes from CloudTrail: choose &ldquo;Read new CloudTrail files&rdquo; on the{" "}
        <Link href="/reports" className="text-brand-700 underline">
          Reports
        </Link>{" "}
        page.
      </>
    ),
  };
}

const sourceWords = (source: IngestStatus["source"]) =>
  source === "lookup-events"
    ? { what: "the event history", units: "time windows" }
    : source === "athena"
      ? { what: "usage through Athena", units: "Athena queries" }
      : { what: "trail log files", units: "files" };

/** Ingestion progress with the file count, a button to read new files, and the files that failed with their reasons. */
export function IngestPanel({ readOnly }: { readOnly: boolean }) {
  const status = useIngestStatus();
  const start = useStartIngest();
  const s = status.data;
  const running = s?.state === "running";
  const percent = s && s.filesTotal > 0 ? Math.round((s.filesDone / s.filesTotal) * 100) : running ? 0 : 100;
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-4"
      aria-label="CloudTrail ingestion"
      data-testid="ingest-panel"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-sm">
          <h2 className="font-semibold">CloudTrail ingestion</h2>
          {s && (
            <p className="text-slate-600" data-testid="ingest-summary">
              {s.state === "idle" && "Not run since the server started."}
              {running &&
                `Reading ${sourceWords(s.source).what}: ${s.filesDone} of ${s.filesTotal} ${sourceWords(s.source).units}.`}
              {s.state === "done" &&
                `Up to date${s.finishedAt ? ` as of ${new Date(s.finishedAt).toLocaleString()}` : ""}: ` +
                  `${s.filesDone} new ${sourceWords(s.source).units}, ${s.events.toLocaleString("en-US")} S3 KMS ` +
                  `requests, ${s.ignored.toLocaleString("en-US")} other events ignored.`}
              {s.state === "failed" && <span className="text-red-800">{s.message}</span>}
              {/* Done, but some accounts could not be read: say which and why. */}
              {s.state === "done" && s.message && (
                <span className="mt-1 block text-amber-800" data-testid="ingest-account-problems">
                  {s.message}
                </span>
              )}
            </p>
          )}
          {s?.trails.length ? <p className="text-xs text-slate-500">Source: {s.trails.join("; ")}</p> : null}
        </div>
        <Button
          variant="primary"
          disabled={running || start.isPending || readOnly}
          onClick={() => start.mutate()}
          title={readOnly ? "Read-only mode" : undefined}
        >
          {running ? "Reading…" : "Read new CloudTrail files"}
        </Button>
      </div>
      {(running || (s && s.filesTotal > 0)) && (
        <div className="mt-3">
          <div
            role="progressbar"
            aria-label="Files read"
            aria-valuemin={0}
            aria-valuemax={s?.filesTotal ?? 0}
            aria-valuenow={s?.filesDone ?? 0}
            className="h-2 overflow-hidden rounded bg-slate-200"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600 tabular-nums">
            {s?.filesDone ?? 0} / {s?.filesTotal ?? 0} files
          </p>
        </div>
      )}
      {s && s.warnings.length > 0 && (
        <div className="mt-3">
          <TrailWarnings warnings={s.warnings} />
        </div>
      )}
      {start.isError && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {start.error.message}
        </p>
      )}
      {status.isError && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {status.error.message}
        </p>
      )}
      {s && s.errors.length > 0 && (
        <details className="mt-3 text-sm" data-testid="ingest-errors">
          <summary className="cursor-pointer font-medium text-red-800">
            {s.errors.length} file{s.errors.length === 1 ? "" : "s"} could not be read
          </summary>
          <ul className="mt-2 space-y-1">
            {s.errors.map((e) => (
              <li key={e.file} className="break-all text-xs">
                <span className="font-mono">{e.file}</span>: {e.reason}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-500">Fixed files (a new ETag) are read on the next run.</p>
        </details>
      )}
    </section>
  );
}
