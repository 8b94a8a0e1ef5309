"use client";
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
      <button
        type="button"
        onClick={onRescan}
        disabled={pending || running}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending || running ? "Scanning…" : "Rescan"}
      </button>
      {error && (
        <span role="alert" className="text-red-700">
          {error.message}
        </span>
      )}
    </div>
  );
}
