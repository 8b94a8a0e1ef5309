"use client";
import Link from "next/link";
import { useBillStatus } from "@/lib/client/use-bill-status";
import { useStartBillRead } from "@/lib/client/use-start-bill-read";
import { formatUsd } from "@/components/charts/format";
import { Button } from "@/components/ui/button";

// What was read of the KMS bill: the months and files, each file that failed and why, months the
// export lacks (with what to do), and the KMS lines the classifier did not place, shown rather
// than dropped. "Read the bill" reads only new or changed files.

export function BillPanel({ readOnly }: { readOnly: boolean }) {
  const status = useBillStatus();
  const read = useStartBillRead();
  const s = status.data;
  if (!s) return null;
  if (!s.source)
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="bill-panel">
        No bill is read yet. Name your Data Export (CUR 2.0) in{" "}
        <Link href="/settings#bill-source" className="text-brand-700 underline">
          Settings
        </Link>{" "}
        to set the bill beside CloudTrail.
      </p>
    );
  const { source } = s;
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="bill-panel">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          Bill: Data Export <span className="font-mono">{source.exportName}</span> at{" "}
          <span className="font-mono">
            s3://{source.bucket}/{source.prefix ? `${source.prefix}/` : ""}
          </span>{" "}
          — {s.periods.map((p) => `${p.period} (${p.files} file${p.files === 1 ? "" : "s"})`).join(", ") || "none read"}
          {s.running && s.progress && ` · reading ${s.progress.filesDone} of ${s.progress.filesTotal} files`}
        </p>
        <Button
          size="sm"
          className="print:hidden"
          disabled={readOnly || s.running || read.isPending}
          onClick={() => read.mutate()}
        >
          {s.running ? "Reading the bill…" : "Read the bill"}
        </Button>
      </div>
      {s.lastRun?.athena && (
        <p className="text-slate-600" data-testid="bill-athena-query">
          Read through Athena ({source.athena?.database}.{source.athena?.table}): query{" "}
          <span className="font-mono">{s.lastRun.athena.queryId}</span>,{" "}
          {(s.lastRun.athena.dataScannedBytes / 2 ** 20).toFixed(1)} MiB scanned, {formatUsd(s.lastRun.athena.costUsd)}.
        </p>
      )}
      {s.lastRun?.error && (
        <p role="alert" className="text-red-800">
          {s.lastRun.error}
        </p>
      )}
      {s.missingMonths.map((m) => (
        <p key={m.period} className="text-amber-800" data-testid="bill-missing-month">
          {m.message}
        </p>
      ))}
      {s.errors.map((e) => (
        <p key={e.file} className="text-red-800" data-testid="bill-error">
          <span className="font-mono text-xs">{e.file}</span>: {e.reason}
        </p>
      ))}
      {s.unclassified.length > 0 && (
        <div data-testid="bill-unclassified">
          <p className="font-medium">KMS lines the console did not classify (not in the figures below):</p>
          <ul className="list-disc pl-5">
            {s.unclassified.map((u) => (
              <li key={`${u.usageType}-${u.operation}-${u.reason}`}>
                <span className="font-mono text-xs">{u.usageType}</span> {u.operation}: {u.lines} line
                {u.lines === 1 ? "" : "s"}, {formatUsd(u.costUsd)} — {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
