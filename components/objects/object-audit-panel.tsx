"use client";
import { useState } from "react";
import { objectCategories, type ObjectScan } from "@/lib/contracts/objects";
import { useObjectScan } from "@/lib/client/use-object-scan";
import { useScanControl } from "@/lib/client/use-scan-control";
import { useInventoryStatus } from "@/lib/client/use-inventory-status";
import { Button } from "@/components/ui/button";
import { ErrorPanel } from "@/components/ui/error-panel";
import { InventorySetupSection } from "./inventory-setup-section";
import { PrefixTable } from "./prefix-table";
import { formatBytes, sourceLabel } from "./audit-figures";

/** Existing objects' encryption: from the latest S3 Inventory report when there is one, else HeadObject. */
export function ObjectAuditPanel({ bucket }: { bucket: string }) {
  const scan = useObjectScan(bucket);
  const inventory = useInventoryStatus(bucket);
  const control = useScanControl(bucket);
  const [sample, setSample] = useState(false);
  const s = scan.data;
  const running = s?.state === "running";
  const report = inventory.data?.report ?? null;
  return (
    <section aria-label="Objects" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold">Existing objects</h2>
        <span className="ml-auto" />
        {running ? (
          <Button onClick={() => control.mutate({ action: "cancel" })}>Cancel</Button>
        ) : (
          <>
            {report && (
              <Button onClick={() => control.mutate({ action: "start", source: "inventory" })} variant="primary">
                Audit from inventory report
              </Button>
            )}
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={sample}
                onChange={(e) => setSample(e.target.checked)}
                className="size-4"
              />
              Sample: first 1,000 objects
            </label>
            <Button
              onClick={() => control.mutate({ action: "start", source: "objects", sampleSize: sample ? 1000 : null })}
              variant={report ? "secondary" : "primary"}
            >
              Scan objects
            </Button>
          </>
        )}
      </div>
      <InventoryLine status={inventory} />
      {control.isError && <ErrorPanel title="The audit could not start." error={control.error} />}
      {scan.isError && (
        <ErrorPanel title="The audit could not be read." error={scan.error} onRetry={() => scan.refetch()} />
      )}
      {scan.isPending && <p className="text-sm text-slate-600">Loading the last audit…</p>}
      {s && s.state === "none" && (
        <p className="text-sm text-slate-600">
          Not audited yet. The audit reads the latest S3 Inventory report (any bucket size, no request per object) or,
          for small buckets and samples, each object&apos;s encryption (HeadObject).
        </p>
      )}
      {s && s.state !== "none" && <ScanResult s={s} />}
      {inventory.data && !report && <InventorySetupSection bucket={bucket} problem={inventory.data.problem} />}
    </section>
  );
}

function InventoryLine({ status }: { status: ReturnType<typeof useInventoryStatus> }) {
  if (status.isPending) return <p className="text-xs text-slate-600">Looking for S3 Inventory reports…</p>;
  if (status.isError)
    return <ErrorPanel title="The bucket's inventory configurations could not be read." error={status.error} />;
  const r = status.data.report;
  // Without a report the add-an-inventory section below says why.
  if (!r) return null;
  return (
    <p className="text-xs text-slate-600" data-testid="inventory-line">
      Latest inventory report: {new Date(r.reportDate).toLocaleString()} ({r.format}, {r.files} file
      {r.files === 1 ? "" : "s"}, {formatBytes(r.bytes)}) from configuration &quot;{r.configId}&quot; in{" "}
      {r.destinationBucket}.
    </p>
  );
}

/** How a finished audit's count reads: what was done, or how far it got. */
function auditVerb(state: ObjectScan["state"], fromReport: boolean): string {
  if (state === "done") return fromReport ? "Counted" : "Scanned";
  return state === "cancelled" ? "Cancelled after" : "Failed after";
}

function ScanResult({ s }: { s: ObjectScan }) {
  const running = s.state === "running";
  const fromReport = s.source === "inventory";
  const pct = fromReport
    ? Math.round(((s.reportBytesRead ?? 0) / Math.max(1, s.reportBytesTotal ?? 1)) * 100)
    : s.listed
      ? Math.round((s.scanned / s.listed) * 100)
      : 0;
  const label = sourceLabel(s);
  return (
    <div className="space-y-2" data-testid="object-scan" data-source={s.source}>
      {running && (
        <div
          className="h-2 overflow-hidden rounded bg-slate-200"
          role="progressbar"
          aria-label={fromReport ? "Inventory report read" : "Objects scanned"}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
        </div>
      )}
      <p className="text-sm text-slate-600">
        {running
          ? fromReport
            ? `Reading the inventory report: ${s.scanned.toLocaleString()} objects counted (${pct}% of ${formatBytes(s.reportBytesTotal ?? 0)})`
            : `Scanning: ${s.scanned} of ${s.listed} objects`
          : `${auditVerb(s.state, fromReport)} ${s.scanned.toLocaleString()} objects`}
        {" — "}
        <span data-testid="scan-source">{label}</span>.{s.error && <span className="text-red-700"> {s.error}</span>}
      </p>
      {fromReport && (
        <p className="text-xs text-slate-600">
          Inventory reports carry each object&apos;s encryption and Bucket Key status but not its KMS key: objects under
          another key count with SSE-KMS. Current versions only.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-3">
        {objectCategories
          .filter((c) => !(fromReport && c === "SSE-KMS other key"))
          .map((c) => (
            <div key={c} className="rounded border border-slate-200 p-2" data-testid={`category-${c}`}>
              <dt className="text-xs text-slate-600">{c}</dt>
              <dd className="text-lg font-semibold tabular-nums">
                {s.distribution[c].toLocaleString()}
                {s.scanned > 0 && (
                  <span className="ml-1 text-xs font-normal text-slate-600">
                    ({Math.round((s.distribution[c] / s.scanned) * 100)}%)
                  </span>
                )}
              </dd>
              <dd className="text-xs text-slate-600">
                {formatBytes(s.bytes[c])} · {label}
              </dd>
            </div>
          ))}
      </dl>
      {s.prefixes.length > 0 && <PrefixTable prefixes={s.prefixes} label={label} />}
    </div>
  );
}
