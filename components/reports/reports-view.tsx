"use client";
import { useState, type ReactNode } from "react";
import type { IngestStatus, Savings, UsageSeries } from "@/lib/contracts/usage";
import { useHealth } from "@/lib/client/use-health";
import { useIngestStatus } from "@/lib/client/use-ingest-status";
import { useSavings } from "@/lib/client/use-savings";
import { useUsage } from "@/lib/client/use-usage";
import { formatUsd } from "@/components/charts/format";
import { SavingsChart, TopBuckets, UsageChart } from "@/components/charts/lazy-charts";
import { QueryState } from "@/components/ui/query-state";
import { IngestPanel, noUsageState } from "@/components/usage/ingest-panel";
import { RangePicker, rangeOf, type RangeChoice } from "@/components/usage/range-picker";
import { HeadroomTable } from "./headroom-table";
import { ReconciliationSection } from "./reconciliation-section";
import { SavingsTable } from "./savings-table";

function Tile({ label, value, note, testId }: { label: string; value: string; note: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className="text-xs text-slate-500">{note}</p>
    </div>
  );
}

export function ReportsView() {
  const [choice, setChoice] = useState<RangeChoice>({ days: 30 });
  const [showCost, setShowCost] = useState(false);
  const range = rangeOf(choice);
  const usage = useUsage(null, range, "day");
  const savings = useSavings(range);
  const ingest = useIngestStatus();
  const readOnly = useHealth().data?.readOnly ?? false;

  const showCostToggle = (
    <label className="flex items-center gap-1">
      <input type="checkbox" checked={showCost} onChange={(e) => setShowCost(e.target.checked)} />
      Show cost
    </label>
  );

  return (
    <div className="space-y-4">
      <IngestPanel readOnly={readOnly} />
      <RangePicker value={choice} onChange={setChoice} label="Report range" />
      <QueryState query={usage} loading="Loading the report" rows={6} errorTitle="KMS usage could not be loaded.">
        {(series) => (
          <QueryState query={savings} loading="Loading the report" rows={6} errorTitle="Savings could not be computed.">
            {(s) => (
              <Report series={series} savings={s} ingest={ingest.data} showCost={showCost} actions={showCostToggle} />
            )}
          </QueryState>
        )}
      </QueryState>
      <ReconciliationSection readOnly={readOnly} />
    </div>
  );
}

type ReportProps = {
  series: UsageSeries;
  savings: Savings;
  ingest: IngestStatus | undefined;
  showCost: boolean;
  actions: ReactNode;
};

function Report({ series, savings: s, ingest, showCost, actions }: ReportProps) {
  const empty = series.hasData ? null : noUsageState(ingest);
  return (
    <>
      <UsageChart
        title="KMS requests across the account"
        series={series}
        showCost={showCost}
        empty={empty}
        testId="account-usage-chart"
        actions={actions}
      />
      {!empty && s.rows.length > 0 && (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Tile
              label="KMS request cost in range"
              value={formatUsd(s.totals.costUsd)}
              note="S3's KMS calls at list price"
            />
            <Tile
              label="Account bill, monthly"
              value={formatUsd(s.totals.monthlyAccountCostUsd)}
              note={`At this range's rate, ${formatUsd(s.totals.freeTierCreditUsd)} free tier subtracted`}
            />
            <Tile
              label="Projected saving"
              value={`${formatUsd(s.totals.monthlyProjectedUsd)}/mo`}
              note="Turning the Bucket Key on for candidates"
              testId="tile-projected"
            />
            <Tile
              label="Realized saving"
              value={`${formatUsd(s.totals.monthlyRealizedUsd)}/mo`}
              note="Buckets whose Bucket Key is already on"
              testId="tile-realized"
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <TopBuckets savings={s} />
            <SavingsChart savings={s} />
          </div>
          <SavingsTable savings={s} />
          <HeadroomTable headroom={s.headroom} />
          <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label="Assumptions">
            <h2 className="mb-1 font-semibold">How these figures are made</h2>
            <ul className="list-disc space-y-1 pl-5 text-slate-700">
              {s.assumptions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
