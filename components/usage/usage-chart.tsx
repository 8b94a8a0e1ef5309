"use client";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { UsageSeries } from "@/lib/contracts/usage";
import { axisTick, ChartFrame, ChartTooltip, chartColors } from "@/components/charts/chart-frame";
import { formatCount, formatPeriod, formatUsd } from "@/components/charts/format";
import type { ReactNode } from "react";

/** The period (a point's t) that contains an instant, for placing the Bucket Key marker. */
function periodOf(series: UsageSeries, iso: string | null): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  let found: string | null = null;
  for (const p of series.points) if (Date.parse(p.t) <= at) found = p.t;
  return found;
}

/** KMS requests per period, stacked object-level vs bucket-level, with cost on a second axis when asked. */
export function UsageChart({
  title,
  series,
  showCost,
  actions,
  empty,
  testId,
}: {
  title: string;
  series: UsageSeries;
  showCost: boolean;
  actions?: ReactNode;
  empty?: { title: string; body?: ReactNode } | null;
  testId?: string;
}) {
  const marker = periodOf(series, series.bucketKeyEnabledAt);
  const data = series.points.map((p) => ({ t: p.t, object: p.object, bucket: p.bucket, cost: p.costUsd }));
  const summary =
    `${formatCount(series.totals.object)} object-level and ${formatCount(series.totals.bucket)} bucket-level KMS ` +
    `requests from ${formatPeriod(series.from, "day")} to ${formatPeriod(series.to, "day")}, ` +
    `costing ${formatUsd(series.totals.costUsd)}.${
      marker
        ? ` Calls switched to bucket level (Bucket Key on) in the period starting ${formatPeriod(marker, series.granularity)}.`
        : ""
    }`;
  return (
    <ChartFrame title={title} summary={summary} actions={actions} empty={empty} testId={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 16, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={chartColors.grid} />
          <XAxis
            dataKey="t"
            tick={axisTick}
            tickFormatter={(t: string) => formatPeriod(t, series.granularity)}
            minTickGap={28}
          />
          <YAxis yAxisId="requests" tick={axisTick} tickFormatter={formatCount} width={56} />
          {showCost && (
            <YAxis yAxisId="cost" orientation="right" tick={axisTick} tickFormatter={formatUsd} width={64} />
          )}
          <Tooltip
            cursor={{ fill: "rgba(148,163,184,0.15)" }}
            content={
              <ChartTooltip
                labelFormatter={(t) => formatPeriod(t, series.granularity)}
                valueFormatter={(v, key) => (key === "cost" ? formatUsd(v) : formatCount(v))}
              />
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            yAxisId="requests"
            dataKey="object"
            name="Object-level (no Bucket Key)"
            stackId="level"
            fill={chartColors.object}
            isAnimationActive={false}
          />
          <Bar
            yAxisId="requests"
            dataKey="bucket"
            name="Bucket-level (Bucket Key)"
            stackId="level"
            fill={chartColors.bucket}
            isAnimationActive={false}
          />
          {showCost && (
            <Line
              yAxisId="cost"
              dataKey="cost"
              name="Cost (USD)"
              stroke={chartColors.cost}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
          )}
          {marker && (
            <ReferenceLine
              yAxisId="requests"
              x={marker}
              stroke={chartColors.marker}
              strokeDasharray="4 3"
              strokeWidth={2}
              label={{ value: "Bucket Key on", position: "insideTopLeft", fill: chartColors.marker, fontSize: 12 }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
