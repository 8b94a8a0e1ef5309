"use client";
import { useReconciliation } from "@/lib/client/use-reconciliation";
import type { ReconciliationReport } from "@/lib/contracts/cost-evidence";
import { formatCount, formatUsd } from "@/components/charts/format";
import { ReconciliationChart } from "@/components/charts/lazy-charts";
import { QueryState } from "@/components/ui/query-state";
import { TableHead } from "@/components/ui/table-head";
import { BillPanel } from "./bill-panel";
import { Button } from "@/components/ui/button";
import { reconciliationCsv } from "@/lib/client/cost-evidence-csv";
import { downloadCsv } from "@/lib/client/download-csv";
import { SavingsProgramme } from "./savings-programme";

// The bill beside CloudTrail: per day, the requests the bill charges for and the S3 calls
// CloudTrail recorded (with each applied change marked), and per key the share of its bill that
// S3 explains, with the likely causes of a gap.

const statusText = {
  matches: "matches",
  gap: "gap",
  "trail-over-bill": "CloudTrail over bill",
  "bill-missing": "not on the bill",
} as const;

/** A gap's likely causes, most likely first; nothing when the figures match. */
export function GapCauses({ causes, className }: { causes: readonly string[]; className: string }) {
  if (causes.length === 0) return null;
  return (
    <ul className={`mt-1 list-disc pl-4 ${className}`}>
      {causes.map((c) => (
        <li key={c}>{c}</li>
      ))}
    </ul>
  );
}

function KeyTable({ report }: { report: ReconciliationReport }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" aria-label="Bill vs CloudTrail per key">
        <TableHead
          columns={["KMS key", "Bill: requests", "Bill: cost", "CloudTrail: S3 calls", "S3's share", "Status"]}
        />
        <tbody className="divide-y divide-slate-100">
          {report.keys.map((k) => (
            <tr key={k.keyArn || `${k.account}-${k.region}`} data-testid="reconciliation-key" className="align-top">
              <td className="max-w-72 break-all px-3 py-2 font-mono text-[11px]">
                {k.keyArn || `${k.account} ${k.region} (export without resource ids)`}
              </td>
              <td className="px-3 py-2 tabular-nums">{formatCount(k.billRequests)}</td>
              <td className="px-3 py-2 tabular-nums">{formatUsd(k.billCostUsd)}</td>
              <td className="px-3 py-2 tabular-nums">{formatCount(k.trailRequests)}</td>
              <td className="px-3 py-2 tabular-nums">{k.share === null ? "—" : `${Math.round(k.share * 100)}%`}</td>
              <td className="px-3 py-2">
                <span className={k.status === "matches" ? "text-emerald-800" : "font-medium text-amber-800"}>
                  {statusText[k.status]}
                  {k.gapDays > 0 && ` (${k.gapDays} day${k.gapDays === 1 ? "" : "s"})`}
                </span>
                <GapCauses causes={k.causes} className="text-xs text-slate-700" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReconciliationSection({ readOnly }: { readOnly: boolean }) {
  const report = useReconciliation();
  return (
    <section id="cost-evidence" aria-labelledby="reconciliation-heading" className="space-y-3">
      <h2 id="reconciliation-heading" className="text-lg font-semibold">
        The bill beside CloudTrail
      </h2>
      <BillPanel readOnly={readOnly} />
      <QueryState
        query={report}
        loading="Setting the bill beside CloudTrail"
        rows={4}
        errorTitle="The bill could not be set beside CloudTrail."
      >
        {(r) => (
          <>
            <ReconciliationChart report={r} />
            <KeyTable report={r} />
            <Button
              className="print:hidden"
              onClick={() => downloadCsv(reconciliationCsv(r), `kms-bill-vs-cloudtrail-${r.fromDay}-to-${r.toDay}.csv`)}
            >
              Export reconciliation CSV
            </Button>
            <p className="text-xs text-slate-500">
              Share: CloudTrail&apos;s S3 calls with the key over the bill&apos;s symmetric requests for it, day by day,
              weighed by each day&apos;s bill. The bill counts every caller of a key; CloudTrail&apos;s figure counts
              S3&apos;s.
            </p>
          </>
        )}
      </QueryState>
      <SavingsProgramme />
    </section>
  );
}
