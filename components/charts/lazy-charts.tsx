"use client";
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { ChartFrame } from "./chart-frame";

// The charts, each loaded with the chart library (about 480 KiB of JS) only when a page shows one, so the pages and
// tables beside them load without it. Charts draw client-side only: their data is fetched in the browser anyway.

function ChartLoading() {
  return (
    <div role="status" className="h-[280px] animate-pulse rounded-lg border border-slate-200 bg-slate-100">
      <span className="sr-only">Loading the chart…</span>
    </div>
  );
}

const LazyUsageChart = dynamic(() => import("@/components/usage/usage-chart").then((m) => m.UsageChart), {
  ssr: false,
  loading: ChartLoading,
});
/** The usage chart; its empty state (no usage read yet, a quiet bucket) shows without loading the chart library. */
export function UsageChart(props: ComponentProps<typeof LazyUsageChart>) {
  const { title, actions, empty, testId } = props;
  if (empty) return <ChartFrame title={title} summary={empty.title} actions={actions} empty={empty} testId={testId} />;
  return <LazyUsageChart {...props} />;
}

export const TopBuckets = dynamic(() => import("@/components/reports/savings-charts").then((m) => m.TopBuckets), {
  ssr: false,
  loading: ChartLoading,
});
export const SavingsChart = dynamic(() => import("@/components/reports/savings-charts").then((m) => m.SavingsChart), {
  ssr: false,
  loading: ChartLoading,
});
export const ReconciliationChart = dynamic(
  () => import("@/components/reports/reconciliation-chart").then((m) => m.ReconciliationChart),
  { ssr: false, loading: ChartLoading },
);
