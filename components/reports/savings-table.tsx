"use client";
import { IntentLink } from "@/components/ui/intent-link";
import type { BucketSavingRow, Savings } from "@/lib/contracts/usage";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatCount, formatUsd } from "@/components/charts/format";
import { TableHead } from "@/components/ui/table-head";
import { bucketHref } from "@/lib/contracts/hrefs";
import { Button } from "@/components/ui/button";
import { downloadSavingsCsv } from "@/lib/client/savings-csv";

export const methodLabel: Record<BucketSavingRow["method"], { label: string; tone: BadgeTone }> = {
  projected: { label: "Projected", tone: "warn" },
  realized: { label: "Realized", tone: "good" },
  "no-baseline": { label: "No baseline", tone: "neutral" },
  "not-eligible": { label: "Not eligible", tone: "neutral" },
};

/** "Why this number": the steps behind a figure, in a disclosure that works with the keyboard. */
/** `opens`: the side the note extends to ("left" at a table's right edge, "right" in a sentence at the left). */
export function Why({ row, opens = "left" }: { row: BucketSavingRow; opens?: "left" | "right" }) {
  return (
    <details className="group relative inline-block">
      <summary
        className="cursor-pointer list-none text-xs text-brand-700 underline"
        aria-label={`Why this number for ${row.bucket}`}
      >
        why?
      </summary>
      <div
        className={
          `absolute ${opens === "left" ? "right-0" : "left-0"} z-20 mt-1 w-96 rounded-lg border border-slate-200 ` +
          "bg-white p-3 text-left text-xs font-normal text-slate-700 shadow-lg"
        }
        role="note"
      >
        <p className="mb-1 font-semibold">
          {methodLabel[row.method].label} figure for {row.bucket}
        </p>
        <ol className="list-decimal space-y-1 pl-4">
          {row.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </div>
    </details>
  );
}

export function SavingsTable({ savings }: { savings: Savings }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-label="Savings per bucket">
      <div className="flex flex-wrap items-center justify-between gap-2 p-4 pb-2">
        <h2 className="font-semibold">Savings per bucket</h2>
        <Button onClick={() => downloadSavingsCsv(savings)}>Export CSV</Button>
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm" aria-label="Savings per bucket" data-testid="savings-table">
          <TableHead
            columns={[
              "Bucket",
              "Method",
              "Object-level",
              "Bucket-level",
              "Cost in range",
              "With / without Bucket Key",
              "Monthly saving",
            ]}
          />
          <tbody className="divide-y divide-slate-100">
            {savings.rows.map((r) => (
              <tr key={r.bucket} data-testid={`saving-${r.bucket}`}>
                <td className="px-3 py-2">
                  <IntentLink href={bucketHref(r.bucket, r.account)} className="text-brand-700 hover:underline">
                    {r.bucket}
                  </IntentLink>
                  <span className="block text-xs text-slate-500">
                    {r.region} · <span className="font-mono">{r.account}</span>
                  </span>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={methodLabel[r.method].tone}>{methodLabel[r.method].label}</Badge>
                </td>
                <td className="px-3 py-2 tabular-nums">{formatCount(r.objectRequests)}</td>
                <td className="px-3 py-2 tabular-nums">{formatCount(r.bucketRequests)}</td>
                <td className="px-3 py-2 tabular-nums">{formatUsd(r.costUsd)}</td>
                <td className="px-3 py-2 tabular-nums text-xs">
                  {r.estimatedRequests === null
                    ? "—"
                    : `${formatCount(r.estimatedRequests)} requests ${r.method === "realized" ? "without" : "with"} (${formatUsd(r.estimatedCostUsd ?? 0)})`}
                </td>
                <td className="px-3 py-2 tabular-nums">
                  {r.monthlySavingUsd === null ? "—" : <strong>{formatUsd(r.monthlySavingUsd)}</strong>} <Why row={r} />
                  {r.projection && (
                    <span className="block text-xs text-slate-500">
                      per role; {formatUsd(r.projection.perSessionMonthlySavingUsd)} per session
                      {r.projection.hourlyFallbackHours > 0 && " · partly hourly estimate"}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 bg-slate-50 text-sm">
            <tr>
              <th scope="row" colSpan={4} className="px-3 py-2 text-left font-semibold">
                Totals
              </th>
              <td className="px-3 py-2 tabular-nums font-semibold">{formatUsd(savings.totals.costUsd)}</td>
              <td />
              <td className="px-3 py-2 text-xs" data-testid="savings-totals">
                Projected <strong>{formatUsd(savings.totals.monthlyProjectedUsd)}</strong>/month · Realized{" "}
                <strong>{formatUsd(savings.totals.monthlyRealizedUsd)}</strong>/month
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
