import type { BucketPosture } from "@/lib/contracts/inventory";

/** "AWS Config, captured at …": the row comes from the aggregator's configuration item, not a read through a role. */
export function ConfigSource({ source }: { source: NonNullable<BucketPosture["source"]> }) {
  const at = new Date(source.capturedAt).toLocaleString();
  return (
    <span
      className="truncate text-xs text-slate-500"
      data-testid="row-source"
      title={`AWS Config (aggregator ${source.aggregator}), captured at ${at}`}
    >
      AWS Config, captured at {at}
    </span>
  );
}
