"use client";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useInventory } from "@/lib/client/use-inventory";
import { useRescanInventory } from "@/lib/client/use-rescan-inventory";
import type { BucketPage } from "@/lib/contracts/bucket-list";
import {
  defaultFilters,
  filterBuckets,
  filtersFromParams,
  filtersToParams,
  sortBuckets,
  sortFromParams,
  type BucketFilters,
  type Sort,
  type SortKey,
} from "@/lib/contracts/bucket-filters";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { BucketFiltersBar } from "./bucket-filters-bar";
import { BucketTable } from "./bucket-table";
import { ScanStamp } from "./scan-stamp";
import { AccountProblems } from "@/components/shell/account-problems";
import { wizardHref } from "@/lib/contracts/hrefs";

export function BucketsView() {
  const inventory = useInventory();
  return (
    <QueryState
      query={inventory}
      loading="Loading buckets"
      rows={8}
      errorTitle="The bucket inventory could not be loaded."
    >
      {(data) => <Buckets inventory={data} />}
    </QueryState>
  );
}

function Buckets({ inventory }: { inventory: BucketPage }) {
  const params = useSearchParams();
  const rescan = useRescanInventory();
  // The URL is read once and then mirrored, so typing never waits for a navigation and a
  // reload or a shared link shows the same filtered view.
  const [filters, setFilters] = useState(() => filtersFromParams(params));
  const [sort, setSort] = useState(() => sortFromParams(params));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const onSelect = (names: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const n of names)
        if (on) next.add(n);
        else next.delete(n);
      return next;
    });

  const show = (nextFilters: BucketFilters, nextSort: Sort) => {
    setFilters(nextFilters);
    setSort(nextSort);
    const qs = filtersToParams(nextFilters, nextSort).toString();
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
  };
  const onFilter = (change: Partial<BucketFilters>) => show({ ...filters, ...change }, sort);
  const onSort = (key: SortKey) => show(filters, { key, dir: sort.key === key && sort.dir === "asc" ? "desc" : "asc" });

  const all = inventory.buckets;
  const visible = useMemo(() => sortBuckets(filterBuckets(all, filters), sort), [all, filters, sort]);

  const { summary, scan, accounts } = inventory;
  // The wizard works in one account: a selection across accounts is edited account by account.
  const selectedAccounts = new Set(all.filter((b) => selected.has(b.name)).map((b) => b.account));

  return (
    <div className="space-y-4">
      <AccountProblems accounts={accounts} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <BucketFiltersBar filters={filters} regions={summary.regions} onChange={onFilter} />
        <ScanStamp scan={scan} onRescan={rescan.mutate} pending={rescan.isPending} error={rescan.error} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="bucket-count">
          Showing {visible.length} of {summary.total} buckets · {summary.candidates} candidates for a Bucket Key
          {summary.errors > 0 && ` · ${summary.errors} partly unreadable`}
        </p>
        {selected.size > 0 && selectedAccounts.size > 1 && (
          <p className="text-sm text-amber-800" role="status">
            The {selected.size} selected buckets belong to {selectedAccounts.size} accounts: select buckets of one
            account to edit them together.
          </p>
        )}
        {selected.size > 0 && selectedAccounts.size === 1 && (
          <ButtonLink href={wizardHref([...selected], [...selectedAccounts][0])} variant="primary">
            Edit encryption of {selected.size} selected
          </ButtonLink>
        )}
      </div>
      {summary.total === 0 && (scan.state === "running" || scan.state === "never") ? (
        <EmptyState title="Reading this scope's buckets for the first time…">
          They appear here as they are listed; each shows as not scanned yet until it is read.
        </EmptyState>
      ) : summary.total === 0 ? (
        <EmptyState title={accounts.length > 1 ? "These accounts have no buckets." : "This account has no buckets."}>
          Buckets appear here as soon as they exist in any region.
        </EmptyState>
      ) : visible.length === 0 ? (
        <EmptyState title="No bucket matches these filters.">
          <button type="button" className="text-brand-700 underline" onClick={() => show(defaultFilters, sort)}>
            Clear all filters
          </button>
        </EmptyState>
      ) : (
        <BucketTable
          buckets={visible}
          sort={sort}
          onSort={onSort}
          selected={selected}
          onSelect={onSelect}
          showAccount={accounts.length > 1}
        />
      )}
    </div>
  );
}
