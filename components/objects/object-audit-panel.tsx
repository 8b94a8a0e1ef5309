"use client";
import { useState } from "react";
import { objectCategories } from "@/lib/contracts/objects";
import { useObjectScan } from "@/lib/client/use-object-scan";
import { useScanControl } from "@/lib/client/use-scan-control";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";

export function ObjectAuditPanel({ bucket }: { bucket: string }) {
  const scan = useObjectScan(bucket);
  const control = useScanControl(bucket);
  const [sample, setSample] = useState(false);
  const s = scan.data;
  const running = s?.state === "running";
  const pct = s && s.listed ? Math.round((s.scanned / s.listed) * 100) : 0;
  return (
    <section aria-label="Objects" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 className="font-semibold">Existing objects</h2>
        <label className="ml-auto flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={sample}
            onChange={(e) => setSample(e.target.checked)}
            className="size-4"
            disabled={running}
          />
          Sample: first 1,000 objects
        </label>
        {running ? (
          <Button onClick={() => control.mutate({ action: "cancel" })}>Cancel scan</Button>
        ) : (
          <Button
            variant="primary"
            onClick={() => control.mutate({ action: "start", sampleSize: sample ? 1000 : null })}
          >
            Scan objects
          </Button>
        )}
      </div>
      {control.isError && <ErrorPanel title="The scan could not start." error={control.error} />}
      {scan.isError && (
        <ErrorPanel title="The scan could not be read." error={scan.error} onRetry={() => scan.refetch()} />
      )}
      {s && s.state === "none" && (
        <p className="text-sm text-slate-600">
          Not scanned yet. A scan reads each object&apos;s encryption (HeadObject) and shows how many still need a
          re-encryption.
        </p>
      )}
      {s && s.state !== "none" && (
        <div className="space-y-2" data-testid="object-scan">
          {running && (
            <div
              className="h-2 overflow-hidden rounded bg-slate-200"
              role="progressbar"
              aria-label="Objects scanned"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
            >
              <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
            </div>
          )}
          <p className="text-sm text-slate-600">
            {running
              ? `Scanning: ${s.scanned} of ${s.listed} objects`
              : `${s.state === "done" ? "Scanned" : s.state === "cancelled" ? "Cancelled after" : "Failed after"} ${s.scanned} objects`}
            {s.sampleSize !== null && " — a sample of the first objects, not the whole bucket"}
            {s.finishedAt && !running && (
              <>
                {" "}
                on <time dateTime={s.finishedAt}>{new Date(s.finishedAt).toLocaleString()}</time>
              </>
            )}
            .{s.error && <span className="text-red-700"> {s.error}</span>}
          </p>
          <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-3">
            {objectCategories.map((c) => (
              <div key={c} className="rounded border border-slate-200 p-2" data-testid={`category-${c}`}>
                <dt className="text-xs text-slate-600">{c}</dt>
                <dd className="text-lg font-semibold tabular-nums">
                  {s.distribution[c]}
                  {s.scanned > 0 && (
                    <span className="ml-1 text-xs font-normal text-slate-600">
                      ({Math.round((s.distribution[c] / s.scanned) * 100)}%)
                    </span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
