"use client";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

// The one frame every chart sits in: title, optional controls, a fixed-height area (the chart in it sizes itself
// with recharts' ResponsiveContainer), the shared palette, an empty state instead of blank axes, and a text summary
// for screen readers (the SVG itself says little). No chart library here: an empty chart shows without loading it.

export const chartColors = {
  object: "#b45309",
  bucket: "#0f766e",
  cost: "#6d28d9",
  projected: "#d97706",
  realized: "#059669",
  neutral: "#64748b",
  grid: "#e2e8f0",
  marker: "#be123c",
} as const;

export const axisTick = { fontSize: 12, fill: "#475569" } as const;

type TooltipRow = { name?: string | number; value?: unknown; color?: string; dataKey?: unknown };

/** Tooltip content shared by the charts: a heading and one swatch row per series. */
export function ChartTooltip({
  active,
  payload,
  label,
  labelFormatter,
  valueFormatter,
}: {
  active?: boolean;
  payload?: readonly TooltipRow[];
  label?: string | number;
  labelFormatter?: (label: string) => string;
  valueFormatter?: (value: number, dataKey: string) => string;
}) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold text-slate-800">{labelFormatter ? labelFormatter(String(label)) : label}</p>
      {payload.map((row) => (
        <p key={String(row.dataKey)} className="flex items-center gap-2 tabular-nums">
          <span aria-hidden className="inline-block h-2 w-2 rounded-sm" style={{ background: row.color }} />
          <span className="text-slate-600">{row.name}</span>
          <span className="ml-auto font-medium">
            {valueFormatter ? valueFormatter(Number(row.value), String(row.dataKey)) : String(row.value)}
          </span>
        </p>
      ))}
    </div>
  );
}

export function ChartFrame({
  title,
  summary,
  actions,
  height = 280,
  empty,
  children,
  testId,
}: {
  title: string;
  /** What the chart shows, in words, for screen readers. */
  summary: string;
  actions?: ReactNode;
  height?: number;
  /** When set, shown instead of the chart. */
  empty?: { title: string; body?: ReactNode } | null;
  /** The chart; none when `empty` is set. */
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label={title} data-testid={testId}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        {actions && <div className="flex flex-wrap items-center gap-3 text-sm">{actions}</div>}
      </div>
      {empty ? (
        <EmptyState title={empty.title}>{empty.body}</EmptyState>
      ) : (
        <>
          <p className="sr-only">{summary}</p>
          <div style={{ height }} aria-hidden>
            {children}
          </div>
        </>
      )}
    </section>
  );
}
