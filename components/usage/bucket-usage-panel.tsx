"use client";
import { useState } from "react";
import { useIngestStatus } from "@/lib/client/use-ingest";
import { useUsage } from "@/lib/client/use-usage";
import { ErrorPanel } from "@/components/ui/error-panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { formatCount, formatUsd } from "@/components/charts/chart-frame";
import { noUsageState } from "./ingest-panel";
import { RangePicker, rangeOf, type RangeChoice } from "./range-picker";
import { UsageChart } from "./usage-chart";

/** The bucket detail page's KMS usage: requests over time by level, the Bucket Key switch, cost. */
export function BucketUsagePanel({ bucket }: { bucket: string }) {
  const [choice, setChoice] = useState<RangeChoice>({ days: 60 });
  const [showCost, setShowCost] = useState(false);
  const range = rangeOf(choice);
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  const [hourly, setHourly] = useState(false);
  const granularity = hourly && days <= 31 ? "hour" : "day";
  const usage = useUsage(bucket, range, granularity);
  const ingest = useIngestStatus();

  if (usage.isPending) return <SkeletonRows rows={4} label="Loading KMS usage" />;
  if (usage.isError)
    return <ErrorPanel title="KMS usage could not be loaded." error={usage.error} onRetry={() => usage.refetch()} />;
  const series = usage.data;
  const quiet = series.totals.object + series.totals.bucket === 0;
  const empty = !series.hasData
    ? noUsageState(ingest.data)
    : quiet
      ? {
          title: "No KMS requests for this bucket in this range.",
          body: "Buckets without SSE-KMS make none; otherwise try a longer range.",
        }
      : null;
  const controls = (
    <>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={showCost} onChange={(e) => setShowCost(e.target.checked)} />
        Show cost
      </label>
      <label
        className="flex items-center gap-1"
        title={days > 31 ? "Hourly detail is available for ranges up to 31 days" : undefined}
      >
        <input
          type="checkbox"
          checked={granularity === "hour"}
          disabled={days > 31}
          onChange={(e) => setHourly(e.target.checked)}
        />
        Hourly
      </label>
    </>
  );
  return (
    <div className="space-y-2" data-testid="bucket-usage">
      <RangePicker value={choice} onChange={setChoice} label="Usage range" />
      <UsageChart
        title="KMS requests"
        series={series}
        showCost={showCost}
        actions={controls}
        empty={empty}
        testId="bucket-usage-chart"
      />
      {!empty && (
        <p className="text-sm text-slate-600" data-testid="bucket-usage-totals">
          {formatCount(series.totals.object)} object-level and {formatCount(series.totals.bucket)} bucket-level
          requests, {formatUsd(series.totals.costUsd)} at list price.
          {series.bucketKeyEnabledAt && (
            <>
              {" "}
              <strong>
                Bucket Key on since about {new Date(series.bucketKeyEnabledAt).toUTCString().slice(0, 22)} UTC
              </strong>{" "}
              (detected from the switch to bucket-level calls).
            </>
          )}
        </p>
      )}
    </div>
  );
}
