"use client";
import type { BucketFilters } from "@/lib/contracts/bucket-filters";

type Props = { filters: BucketFilters; regions: string[]; onChange: (next: Partial<BucketFilters>) => void };

const selectClass = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function BucketFiltersBar({ filters, regions, onChange }: Props) {
  return (
    <form
      role="search"
      aria-label="Filter buckets"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Search
        <input
          type="search"
          value={filters.q}
          onChange={(e) => onChange({ q: e.target.value })}
          placeholder="Bucket name or key"
          className="w-64 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Encryption
        <select
          value={filters.type}
          onChange={(e) => onChange({ type: e.target.value as BucketFilters["type"] })}
          className={selectClass}
        >
          <option value="all">All types</option>
          <option value="SSE-KMS">SSE-KMS</option>
          <option value="DSSE-KMS">DSSE-KMS</option>
          <option value="SSE-S3">SSE-S3</option>
          <option value="NONE">None</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Bucket Key
        <select
          value={filters.bucketKey}
          onChange={(e) => onChange({ bucketKey: e.target.value as BucketFilters["bucketKey"] })}
          className={selectClass}
        >
          <option value="all">Any</option>
          <option value="on">On</option>
          <option value="off">Off</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Region
        <select value={filters.region} onChange={(e) => onChange({ region: e.target.value })} className={selectClass}>
          <option value="all">All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input
          type="checkbox"
          checked={filters.candidates}
          onChange={(e) => onChange({ candidates: e.target.checked })}
          className="size-4"
        />
        Candidates only
      </label>
    </form>
  );
}
