"use client";
import { Button } from "@/components/ui/button";
import type { ScanProgress } from "@/lib/contracts/inventory";

type Props = { scan: ScanProgress; onRescan: () => void; pending: boolean; error: Error | null };

function stampText(scan: ScanProgress): string {
  if (scan.state === "running") return `Scanning… ${scan.done} of ${scan.total} buckets read`;
  if (scan.state === "never") return "Not scanned yet";
  const when = scan.finishedAt ? new Date(scan.finishedAt).toLocaleTimeString() : "—";
  if (scan.state === "done") return `Scanned ${when}`;
  return scan.message ?? `Scan ${scan.state} ${when}`;
}

export function ScanStamp({ scan, onRescan, pending, error }: Props) {
  const running = scan.state === "running";
  return (
    <div className="flex items-center gap-3 text-xs text-slate-600">
      <span role="status">{stampText(scan)}</span>
      <Button onClick={onRescan} disabled={pending || running}>
        {pending || running ? "Scanning…" : "Rescan"}
      </Button>
      {error && (
        <span role="alert" className="text-red-700">
          {error.message}
        </span>
      )}
    </div>
  );
}
