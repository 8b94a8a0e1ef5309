"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReactNode } from "react";
import type { Savings } from "@/lib/contracts/usage";
import { axisTick, ChartFrame, ChartTooltip, chartColors } from "@/components/charts/chart-frame";
import { formatUsd } from "@/components/charts/format";

// The Reports page's two bar charts; loaded on demand (components/charts/lazy-charts.tsx) with the chart library.

/** One horizontal bar per bucket in US dollars: the axes, grid and tooltip both charts share; `children` the bars. */
function BucketBars({
  data,
  tooltip,
  children,
}: {
  data: { bucket: string }[];
  tooltip: (value: number) => string;
  children: ReactNode;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke={chartColors.grid} />
        <XAxis type="number" tick={axisTick} tickFormatter={formatUsd} />
        <YAxis type="category" dataKey="bucket" tick={axisTick} width={190} />
        <Tooltip cursor={{ fill: "rgba(148,163,184,0.15)" }} content={<ChartTooltip valueFormatter={tooltip} />} />
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TopBuckets({ savings }: { savings: Savings }) {
  const data = savings.rows.slice(0, 8).map((r) => ({ bucket: r.bucket, cost: r.costUsd }));
  return (
    <ChartFrame
      title="Top buckets by KMS cost"
      summary={data.map((d) => `${d.bucket}: ${formatUsd(d.cost)}`).join("; ")}
      height={Math.max(160, data.length * 34)}
    >
      <BucketBars data={data} tooltip={formatUsd}>
        <Bar dataKey="cost" name="Cost in range" fill={chartColors.cost} isAnimationActive={false} />
      </BucketBars>
    </ChartFrame>
  );
}

const Swatch = ({ color, label }: { color: string; label: string }) => (
  <span className="flex items-center gap-1">
    <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: color }} />
    {label}
  </span>
);

export function SavingsChart({ savings }: { savings: Savings }) {
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
      <BucketBars data={data} tooltip={(v) => `${formatUsd(v)} / month`}>
        <Bar dataKey="saving" name="Monthly saving" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.bucket} fill={d.method === "realized" ? chartColors.realized : chartColors.projected} />
          ))}
        </Bar>
      </BucketBars>
    </ChartFrame>
  );
}
