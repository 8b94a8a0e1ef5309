"use client";
import { useCancelScan } from "@/lib/client/use-cancel-scan";
import { useInventoryScan } from "@/lib/client/use-inventory-scan";
import { useRescanInventory } from "@/lib/client/use-rescan-inventory";
import type { ScanProgress as Scan } from "@/lib/contracts/inventory";
import { Button } from "@/components/ui/button";

// The background scan on Buckets and Overview: a progress bar with Cancel while it runs, else
// how the last one ended with Rescan. Pages answer from the store throughout.

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString() : "—");
const count = (n: number) => n.toLocaleString("en-US");

/** Why no scan has run: the schedule says when it cannot start one (state never with a message). */
function blockedReason(scan: Scan): string {
  if (scan.errorCode === "no_credentials") return "the console has no AWS credentials (see the banner above).";
  if (scan.errorCode === "aws_unreachable") return "AWS cannot be reached; the scan starts once it answers.";
  return scan.message ?? "the first scan starts within a minute.";
}

function endedText(scan: Scan): string {
  const unreadable = scan.errors > 0 ? `, ${count(scan.errors)} partly unreadable` : "";
  if (scan.state === "never") return `Not scanned yet: ${blockedReason(scan)}`;
  if (scan.state === "done")
    return `Last scan finished at ${time(scan.finishedAt)}: ${count(scan.total)} buckets read${unreadable}.`;
  if (scan.state === "cancelled")
    return scan.message ?? `Scan cancelled at ${time(scan.finishedAt)} after ${count(scan.done)} buckets.`;
  return scan.message ?? `The last scan failed at ${time(scan.finishedAt)}.`;
}

export function ScanProgress() {
  const status = useInventoryScan();
  const rescan = useRescanInventory();
  const cancel = useCancelScan();
  const scan = status.data?.scan;
  if (!scan) return status.isError ? <p className="text-xs text-red-700">Scan progress unavailable.</p> : null;
  const running = scan.state === "running";
  const failed = scan.state === "failed" || (scan.state === "never" && scan.message !== null);
  const error = rescan.error ?? cancel.error;
  return (
    <section aria-label="Inventory scan" className="min-w-72 space-y-1.5 text-xs text-slate-600" data-testid="scan">
      {running ? (
        <>
          <div className="flex items-center justify-between gap-3">
            <span role="status">
              Scanning: {count(scan.done)} of {count(scan.total)} buckets read · started {time(scan.startedAt)}
              {scan.errors > 0 && ` · ${count(scan.errors)} partly unreadable`}
            </span>
            <Button size="sm" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
              {cancel.isPending ? "Cancelling…" : "Cancel scan"}
            </Button>
          </div>
          <div
            role="progressbar"
            aria-label="Buckets read"
            aria-valuemin={0}
            aria-valuemax={scan.total}
            aria-valuenow={scan.done}
            className="h-1.5 overflow-hidden rounded bg-slate-200"
          >
            <div
              className="h-full bg-brand-600 transition-all"
              style={{ width: `${scan.total ? (scan.done / scan.total) * 100 : 0}%` }}
            />
          </div>
        </>
      ) : (
        <div className="flex items-center justify-between gap-3">
          <span role="status" className={failed ? "text-red-700" : undefined}>
            {endedText(scan)}
          </span>
          <Button size="sm" onClick={() => rescan.mutate()} disabled={rescan.isPending}>
            {rescan.isPending ? "Starting…" : "Rescan"}
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-700">
          {error.message}
        </p>
      )}
    </section>
  );
}
