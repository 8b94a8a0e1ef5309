"use client";
import { useChangeEffects } from "@/lib/client/use-change-effects";
import { useHeadline } from "@/lib/client/use-headline";
import { formatUsd } from "@/components/charts/format";
import { QueryState } from "@/components/ui/query-state";
import { TableHead } from "@/components/ui/table-head";

// The savings programme: what the changes saved each month since the first one, the running
// total, and what is left to be had (the model's projection for the buckets still without a
// Bucket Key). Realized figures are CloudTrail's, each change against its own 7 days before.

export function SavingsProgramme() {
  const effects = useChangeEffects();
  const left = useHeadline().data?.projectedSavingLeft;
  return (
    <section aria-labelledby="programme-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="programme-heading" className="mb-2 font-semibold">
        Savings programme
      </h2>
      <QueryState
        query={effects}
        loading="Adding up the savings"
        rows={2}
        errorTitle="The savings could not be added up."
        empty={{ when: (d) => d.programme.length === 0, title: "No change with a measured saving yet." }}
      >
        {(d) => (
          <table className="min-w-full text-left text-sm" aria-label="Savings per month" data-testid="programme">
            <TableHead columns={["Month", "Realized", "Since the first change"]} />
            <tbody className="divide-y divide-slate-100">
              {d.programme.map((m) => (
                <tr key={m.month}>
                  <td className="px-3 py-1.5">{m.month}</td>
                  <td className="px-3 py-1.5 tabular-nums">{formatUsd(m.realizedUsd)}</td>
                  <td className="px-3 py-1.5 tabular-nums">{formatUsd(m.cumulativeUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {left?.usd != null && left.basis && (
        <p className="mt-2 text-sm" data-testid="programme-left">
          Left to be had: <span className="font-semibold">{formatUsd(left.usd)}</span> {left.basis.label}.
        </p>
      )}
    </section>
  );
}
