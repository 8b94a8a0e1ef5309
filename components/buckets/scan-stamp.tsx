"use client";
import { Button } from "@/components/ui/button";

type Props = { scannedAt: string; onRescan: () => void; pending: boolean; error: Error | null };

export function ScanStamp({ scannedAt, onRescan, pending, error }: Props) {
  return (
    <div className="flex items-center gap-3 text-xs text-slate-600">
      <span>
        Scanned <time dateTime={scannedAt}>{new Date(scannedAt).toLocaleTimeString()}</time>
      </span>
      <Button onClick={onRescan} disabled={pending}>
        {pending ? "Scanning…" : "Rescan"}
      </Button>
      {error && (
        <span role="alert" className="text-red-700">
          {error.message}
        </span>
      )}
    </div>
  );
}
