"use client";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { useAccountScope } from "@/lib/client/account-scope";
import { useBucketPages } from "@/lib/client/use-bucket-pages";
import { useInventoryScan } from "@/lib/client/use-inventory-scan";
import { useSettledValue } from "@/lib/client/use-settled-value";
import {
  apiQueryOf,
  defaultFilters,
  defaultSort,
  filtersFromParams,
  filtersToParams,
  sortFromParams,
  type BucketFilters,
  type Sort,
  type SortKey,
} from "@/lib/contracts/bucket-filters";
import type { BucketPage } from "@/lib/contracts/bucket-list";
import { inventoryExportHref } from "@/lib/contracts/hrefs";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NoBuckets } from "./no-buckets";
import { QueryState } from "@/components/ui/query-state";
import { AccountProblems } from "@/components/shell/account-problems";
import { ConfigOnlyAccounts, configOnlyIds } from "@/components/shell/config-only-accounts";
import { BucketFiltersBar } from "./bucket-filters-bar";
import { useBucketSelection } from "./bucket-selection";
import { BucketTable } from "./bucket-table";
import { ScanProgress } from "./scan-progress";
import { SelectionActions } from "./selection-actions";

const count = (n: number) => n.toLocaleString("en-US");
/** Keystrokes closer together than this send one search, for the last of them (the one before is aborted). */
const searchSettleMs = 60;

export function BucketsView() {
  const params = useSearchParams();
  const account = useAccountScope();
  // The URL is read once and then mirrored, so typing never waits for a navigation and a
  // reload or a shared link shows the same view. The server filters, sorts and searches.
  const [filters, setFilters] = useState(() => filtersFromParams(params));
  const [sort, setSort] = useState(() => sortFromParams(params));
  const scanning = useInventoryScan().data?.scan.state === "running";
  const q = useSettledValue(filters.q, searchSettleMs, { atOnce: "" });
  const query = useMemo(() => apiQueryOf({ ...filters, q }, sort), [filters, q, sort]);
  const pages = useBucketPages(query, { scanning });
  const selection = useBucketSelection();
  const { forgetMatching } = selection;

  const show = (nextFilters: BucketFilters, nextSort: Sort) => {
    if (nextFilters !== filters) forgetMatching();
    setFilters(nextFilters);
    setSort(nextSort);
    const qs = filtersToParams(nextFilters, nextSort).toString();
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
  };
  const onFilter = (change: Partial<BucketFilters>) => show({ ...filters, ...change }, sort);
  const onSort = (key: SortKey) => show(filters, { key, dir: sort.key === key && sort.dir === "asc" ? "desc" : "asc" });

  const first = pages.data?.pages[0];
  const buckets = useMemo(() => pages.data?.pages.flatMap((p) => p.buckets) ?? [], [pages.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  // The first load shows the skeleton; later errors (a next page, a refresh) show beside the rows kept.
  const firstLoad = { ...pages, isError: pages.isError && !first, data: first };
  const configOnly = useMemo(() => configOnlyIds(first?.accounts ?? []), [first]);

  return (
    <div className="space-y-4">
      {first && first.summary.total > 0 && <AccountProblems accounts={first.accounts} />}
      {first && <ConfigOnlyAccounts accounts={first.accounts} />}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <BucketFiltersBar filters={filters} regions={first?.summary.regions ?? []} onChange={onFilter} />
        <ScanProgress />
      </div>
      <QueryState
        query={firstLoad}
        loading="Loading buckets"
        rows={8}
        errorTitle="The bucket inventory could not be loaded."
      >
        {(page) => (
          <>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <ResultCount page={page} updating={pages.isPlaceholderData} />
              <div className="flex flex-wrap items-center gap-3">
                <SelectionActions
                  selection={selection}
                  total={page.total}
                  filterQuery={apiQueryOf(filters, defaultSort)}
                  configOnly={configOnly}
                />
                <a
                  href={inventoryExportHref(query, account)}
                  download
                  className={buttonClass({ variant: "secondary" })}
                  aria-label={`Export CSV of ${count(page.total)} matching buckets`}
                >
                  Export CSV
                </a>
              </div>
            </div>
            {page.summary.total === 0 ? (
              <NoBuckets accounts={page.accounts.length} />
            ) : page.total === 0 ? (
              <EmptyState title="No bucket matches these filters.">
                <button type="button" className="text-brand-700 underline" onClick={() => show(defaultFilters, sort)}>
                  Clear all filters
                </button>
              </EmptyState>
            ) : (
              <div aria-busy={pages.isPlaceholderData}>
                <BucketTable
                  buckets={buckets}
                  total={page.total}
                  hasMore={hasNextPage}
                  loadingMore={isFetchingNextPage}
                  onLoadMore={loadMore}
                  sort={sort}
                  onSort={onSort}
                  isSelected={selection.isSelected}
                  onSelect={selection.select}
                  showAccount={page.accounts.length > 1}
                  configOnly={configOnly}
                  query={query.toString()}
                />
              </div>
            )}
            {pages.isError && (
              <p role="alert" className="flex items-center gap-3 text-sm text-red-700">
                {pages.error.message}
                <Button
                  size="sm"
                  variant="on-error"
                  onClick={() => void (pages.isFetchNextPageError ? fetchNextPage() : pages.refetch())}
                >
                  Try again
                </Button>
              </p>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

function ResultCount({ page, updating }: { page: BucketPage; updating: boolean }) {
  const { summary, total } = page;
  return (
    <p className="text-sm text-slate-600" aria-live="polite" data-testid="bucket-count">
      <span className="font-medium text-slate-900">{count(total)} matching</span> of {count(summary.total)} buckets
      {" · "}
      {count(summary.candidates)} candidates for a Bucket Key
      {summary.errors > 0 && ` · ${count(summary.errors)} partly unreadable`}
      {summary.notScanned > 0 && ` · ${count(summary.notScanned)} not scanned yet`}
      {updating && <span className="ml-2 text-slate-500">Updating…</span>}
    </p>
  );
}
