"use client";
import dynamic from "next/dynamic";

// The charts, each loaded with the chart library (about 480 KiB of JS) only when a page shows one, so the pages and
// tables beside them load without it. Charts draw client-side only: their data is fetched in the browser anyway.

function ChartLoading() {
  return (
    <div role="status" className="h-[280px] animate-pulse rounded-lg border border-slate-200 bg-slate-100">
      <span className="sr-only">Loading the chart…</span>
    </div>
  );
}

export const UsageChart = dynamic(() => import("@/components/usage/usage-chart").then((m) => m.UsageChart), {
  ssr: false,
  loading: ChartLoading,
});
export const TopBuckets = dynamic(() => import("@/components/reports/savings-charts").then((m) => m.TopBuckets), {
  ssr: false,
  loading: ChartLoading,
});
export const SavingsChart = dynamic(() => import("@/components/reports/savings-charts").then((m) => m.SavingsChart), {
  ssr: false,
  loading: ChartLoading,
});
