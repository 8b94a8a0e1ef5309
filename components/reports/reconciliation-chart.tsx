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
import type { ReconciliationReport } from "@/lib/contracts/cost-evidence";
import { axisTick, ChartFrame, ChartTooltip, chartColors } from "@/components/charts/chart-frame";
import { formatCount } from "@/components/charts/format";

// Per day, the requests the bill charges for and the S3 calls CloudTrail recorded, each applied change marked.

export function ReconciliationChart({ report }: { report: ReconciliationReport }) {
  const empty = report.days.length === 0 ? { title: "No bill or CloudTrail figures for these days." } : null;
  return (
    <ChartFrame
      title={`KMS requests per day: bill vs CloudTrail (${report.fromDay} to ${report.toDay})`}
      summary={`${report.days.length} days; changes on ${report.changes.map((c) => c.day).join(", ") || "none"}`}
      empty={empty}
      testId="reconciliation-chart"
    >
      {/* The frame sets the height; the chart takes the frame's width. */}
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={report.days} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={axisTick} />
          <YAxis tick={axisTick} tickFormatter={formatCount} />
          <Tooltip content={<ChartTooltip valueFormatter={(v) => formatCount(v)} />} />
          <Legend />
          <Bar dataKey="billRequests" name="Bill: requests" fill={chartColors.object} />
          <Line dataKey="trailRequests" name="CloudTrail: S3's calls" stroke={chartColors.bucket} dot={false} />
          {report.changes.map((c) => (
            <ReferenceLine key={c.id} x={c.day} stroke={chartColors.marker} strokeDasharray="4 2" label={`#${c.id}`} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
