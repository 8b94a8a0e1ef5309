"use client";
import { useState, type ReactNode } from "react";
import { useIngestStatus } from "@/lib/client/use-ingest-status";
import { useUsage } from "@/lib/client/use-usage";
import type { IngestStatus, UsageSeries } from "@/lib/contracts/usage";
import { QueryState } from "@/components/ui/query-state";
import { formatCount, formatUsd } from "@/components/charts/format";
import { noUsageState } from "./ingest-panel";
import { RangePicker, rangeOf, type RangeChoice } from "./range-picker";
import { UsageChart } from "@/components/charts/lazy-charts";

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
    <QueryState query={usage} loading="Loading KMS usage" rows={4} errorTitle="KMS usage could not be loaded.">
      {(series) => (
        <div className="space-y-2" data-testid="bucket-usage">
          <RangePicker value={choice} onChange={setChoice} label="Usage range" />
          <BucketUsage series={series} ingest={ingest.data} showCost={showCost} controls={controls} />
        </div>
      )}
    </QueryState>
  );
}

type Props = { series: UsageSeries; ingest: IngestStatus | undefined; showCost: boolean; controls: ReactNode };

function BucketUsage({ series, ingest, showCost, controls }: Props) {
  const quiet = series.totals.object + series.totals.bucket === 0;
  const empty = !series.hasData
    ? noUsageState(ingest)
    : quiet
      ? {
          title: "No KMS requests for this bucket in this range.",
          body: "Buckets without SSE-KMS make none; otherwise try a longer range.",
        }
      : null;
  return (
    <>
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
    </>
  );
}
