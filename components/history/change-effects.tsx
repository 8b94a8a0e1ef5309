"use client";
import { useChangeEffects } from "@/lib/client/use-change-effects";
import type { ChangeEffectRow } from "@/lib/contracts/cost-evidence";
import { formatCount, formatUsd } from "@/components/charts/format";
import { QueryState } from "@/components/ui/query-state";
import { TableHead } from "@/components/ui/table-head";
import { Button } from "@/components/ui/button";
import { changeEffectsCsv } from "@/lib/client/cost-evidence-csv";
import { downloadCsv } from "@/lib/client/download-csv";

// What each applied change did, measured: the bucket's KMS requests and cost a day over the days
// before and after it (CloudTrail), the saving the review projected beside the one realized, and
// the key's bill over the same days. A window that cannot be measured says why.

type Window = ChangeEffectRow["before"];

function WindowCell({ w, note }: { w: Window; note: string | null }) {
  if (!w) return <span className="text-xs text-slate-500">{note ?? "—"}</span>;
  return (
    <span className="tabular-nums">
      {formatCount(Math.round(w.requestsPerDay))}/day · {formatUsd(w.costPerDayUsd)}/day
      <span className="block text-xs text-slate-500">
        {w.fromDay} – {w.toDay} ({w.days} day{w.days === 1 ? "" : "s"})
      </span>
    </span>
  );
}

const pct = (n: number | null) => (n === null ? "—" : `${n >= 0 ? "−" : "+"}${Math.abs(Math.round(n * 100))}%`);
const perMonth = (n: number | null) => (n === null ? "—" : `${formatUsd(n)}/month`);

function BillCell({ bill }: { bill: ChangeEffectRow["bill"] }) {
  if (!bill) return <span className="text-xs text-slate-500">no bill line for the key</span>;
  const day = (w: Window) => (w ? `${formatUsd(w.costPerDayUsd)}/day` : "—");
  return (
    <span className="tabular-nums">
      {day(bill.before)} → {day(bill.after)}
      <span className="block text-xs text-slate-500">the key&apos;s whole bill, all its users</span>
    </span>
  );
}

export function ChangeEffects() {
  const effects = useChangeEffects();
  return (
    <section aria-labelledby="effects-heading" className="space-y-2">
      <h2 id="effects-heading" className="font-semibold">
        Measured effect of each change
      </h2>
      <QueryState
        query={effects}
        loading="Measuring the changes"
        rows={3}
        errorTitle="The changes' effects could not be measured."
        empty={{ when: (d) => d.effects.length === 0, title: "No applied change to measure yet." }}
      >
        {(d) => (
          <div className="space-y-2">
            <Button onClick={() => downloadCsv(changeEffectsCsv(d), "kms-change-effects.csv")}>Export CSV</Button>
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-left text-sm" aria-label="Measured effect of each change">
                <TableHead
                  columns={[
                    "#",
                    "Bucket",
                    `${d.windowDays} days before`,
                    `${d.windowDays} days after`,
                    "Requests",
                    "Realized",
                    "Projected at review",
                    "Bill for the key",
                    "Saved so far",
                  ]}
                />
                <tbody className="divide-y divide-slate-100">
                  {d.effects.map((e) => (
                    <tr
                      key={`${e.changeId ?? "outside"}-${e.bucket}-${e.at}`}
                      data-testid={e.changeId === null ? `effect-outside-${e.bucket}` : `effect-${e.changeId}`}
                    >
                      <td className="px-3 py-2 tabular-nums">{e.changeId ?? "outside"}</td>
                      <td className="px-3 py-2">
                        {e.bucket}
                        <span className="block text-xs text-slate-500">
                          <time dateTime={e.at}>{e.at.slice(0, 16).replace("T", " ")}</time> · {e.by}
                        </span>
                      </td>
                      <td className="px-3 py-2">
                        <WindowCell w={e.before} note={e.beforeNote} />
                      </td>
                      <td className="px-3 py-2">
                        <WindowCell w={e.after} note={e.afterNote} />
                      </td>
                      <td className="px-3 py-2 tabular-nums">{pct(e.requestReduction)}</td>
                      <td className="px-3 py-2 tabular-nums">{perMonth(e.realizedMonthlySavingUsd)}</td>
                      <td className="px-3 py-2 tabular-nums">
                        {perMonth(e.projectedMonthlySavingUsd)}
                        {e.projectedMethod && <span className="block text-xs text-slate-500">{e.projectedMethod}</span>}
                        {e.realizedShareOfProjected !== null && (
                          <span className="block text-xs text-slate-600">
                            realized {Math.round(e.realizedShareOfProjected * 100)}% of it
                          </span>
                        )}
                      </td>
                      <td className="px-3 py-2">
                        <BillCell bill={e.bill} />
                      </td>
                      <td className="px-3 py-2 tabular-nums">
                        {e.realizedToDate ? `${formatUsd(e.realizedToDate.usd)} in ${e.realizedToDate.days} days` : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </QueryState>
      <p className="text-xs text-slate-500">
        Source: CloudTrail&apos;s KMS calls for the bucket, priced as in Settings; the change&apos;s own day is left
        out, and a window stops at the bucket&apos;s next change.
      </p>
    </section>
  );
}
