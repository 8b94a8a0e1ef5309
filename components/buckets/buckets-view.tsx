"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { useInventory, useRescanInventory } from "@/lib/api/hooks/use-inventory";
import { filterBuckets, filtersFromParams, sortBuckets, sortFromParams, type BucketFilters, type SortKey } from "@/lib/buckets/bucket-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { SkeletonRows } from "@/components/ui/skeleton";
import { BucketFiltersBar } from "./bucket-filters-bar";
import { BucketTable } from "./bucket-table";
import { ScanStamp } from "./scan-stamp";

export function BucketsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const inventory = useInventory();
  const rescan = useRescanInventory();
  const filters = filtersFromParams(params);
  const sort = sortFromParams(params);

  const setParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "" || v === "all") next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  const onFilter = (change: Partial<BucketFilters>) =>
    setParams(Object.fromEntries(Object.entries(change).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "1" : null) : v])));
  const onSort = (key: SortKey) => setParams({ sort: key === "name" ? null : key, dir: sort.key === key && sort.dir === "asc" ? "desc" : null });

  const all = inventory.data?.buckets;
  const visible = useMemo(() => (all ? sortBuckets(filterBuckets(all, filters), sort) : []), [all, filters, sort]);

  if (inventory.isPending) return <SkeletonRows rows={8} label="Loading buckets" />;
  if (inventory.isError) return <ErrorPanel title="The bucket inventory could not be loaded." error={inventory.error} onRetry={() => inventory.refetch()} />;
  const { summary, scannedAt } = inventory.data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <BucketFiltersBar filters={filters} regions={summary.regions} onChange={onFilter} />
        <ScanStamp scannedAt={scannedAt} onRescan={rescan.mutate} pending={rescan.isPending} error={rescan.error} />
      </div>
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="bucket-count">
        Showing {visible.length} of {summary.total} buckets · {summary.candidates} candidates for a Bucket Key
        {summary.errors > 0 && ` · ${summary.errors} partly unreadable`}
      </p>
      {summary.total === 0 ? (
        <EmptyState title="This account has no buckets.">Buckets appear here as soon as they exist in any region.</EmptyState>
      ) : visible.length === 0 ? (
        <EmptyState title="No bucket matches these filters.">
          <button type="button" className="text-brand-700 underline" onClick={() => router.replace(pathname)}>
            Clear all filters
          </button>
        </EmptyState>
      ) : (
        <BucketTable buckets={visible} sort={sort} onSort={onSort} />
      )}
    </div>
  );
}
