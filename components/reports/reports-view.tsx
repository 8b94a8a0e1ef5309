"use client";
import { useState, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import type { IngestStatus, Savings, UsageSeries } from "@/lib/contracts/usage";
import { useHealth } from "@/lib/client/use-health";
import { useIngestStatus } from "@/lib/client/use-ingest-status";
import { useSavings } from "@/lib/client/use-savings";
import { useUsage } from "@/lib/client/use-usage";
import { axisTick, ChartFrame, ChartTooltip, chartColors, formatUsd } from "@/components/charts/chart-frame";
import { QueryState } from "@/components/ui/query-state";
import { IngestPanel, noUsageState } from "@/components/usage/ingest-panel";
import { RangePicker, rangeOf, type RangeChoice } from "@/components/usage/range-picker";
import { UsageChart } from "@/components/usage/usage-chart";
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

function TopBuckets({ savings }: { savings: Savings }) {
  const data = savings.rows.slice(0, 8).map((r) => ({ bucket: r.bucket, cost: r.costUsd }));
  return (
    <ChartFrame
      title="Top buckets by KMS cost"
      summary={data.map((d) => `${d.bucket}: ${formatUsd(d.cost)}`).join("; ")}
      height={Math.max(160, data.length * 34)}
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={chartColors.grid} />
        <XAxis type="number" tick={axisTick} tickFormatter={formatUsd} />
        <YAxis type="category" dataKey="bucket" tick={axisTick} width={190} />
        <Tooltip
          cursor={{ fill: "rgba(148,163,184,0.15)" }}
          content={<ChartTooltip valueFormatter={(v) => formatUsd(v)} />}
        />
        <Bar dataKey="cost" name="Cost in range" fill={chartColors.cost} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

const Swatch = ({ color, label }: { color: string; label: string }) => (
  <span className="flex items-center gap-1">
    <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: color }} />
    {label}
  </span>
);

function SavingsChart({ savings }: { savings: Savings }) {
  const data = savings.rows
    .filter((r) => r.monthlySavingUsd !== null && (r.method === "projected" || r.method === "realized"))
    .map((r) => ({ bucket: r.bucket, saving: Math.max(0, r.monthlySavingUsd ?? 0), method: r.method }))
    .sort((a, b) => b.saving - a.saving);
  return (
    <ChartFrame
      title="Monthly savings with a Bucket Key"
      summary={data.map((d) => `${d.bucket}: ${formatUsd(d.saving)} a month (${d.method})`).join("; ")}
      height={Math.max(160, data.length * 34)}
      empty={data.length ? null : { title: "No saving to show in this range." }}
      testId="savings-chart"
      actions={
        <span className="flex gap-3 text-xs">
          <Swatch color={chartColors.projected} label="Projected (candidate)" />
          <Swatch color={chartColors.realized} label="Realized (Bucket Key on)" />
        </span>
      }
    >
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={chartColors.grid} />
        <XAxis type="number" tick={axisTick} tickFormatter={formatUsd} />
        <YAxis type="category" dataKey="bucket" tick={axisTick} width={190} />
        <Tooltip
          cursor={{ fill: "rgba(148,163,184,0.15)" }}
          content={<ChartTooltip valueFormatter={(v) => `${formatUsd(v)} / month`} />}
        />
        <Bar dataKey="saving" name="Monthly saving" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.bucket} fill={d.method === "realized" ? chartColors.realized : chartColors.projected} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
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
