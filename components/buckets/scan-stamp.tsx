"use client";

type Props = { scannedAt: string; onRescan: () => void; pending: boolean; error: Error | null };

export function ScanStamp({ scannedAt, onRescan, pending, error }: Props) {
  return (
    <div className="flex items-center gap-3 text-xs text-slate-600">
      <span>
        Scanned <time dateTime={scannedAt}>{new Date(scannedAt).toLocaleTimeString()}</time>
      </span>
      <button
        type="button"
        onClick={onRescan}
        disabled={pending}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? "Scanning…" : "Rescan"}
      </button>
      {error && (
        <span role="alert" className="text-red-700">
          {error.message}
        </span>
      )}
    </div>
  );
}
