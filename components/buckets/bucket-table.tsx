"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from "react";
import type { BucketPosture } from "@/lib/contracts/inventory";
import type { Sort, SortKey } from "@/lib/contracts/bucket-filters";
import { BucketRow, rowHeight } from "./bucket-row";

// The bucket table for any number of rows: only the rows in view (plus a margin) are in the
// DOM (@tanstack/react-virtual), the next page loads as the end comes into view, and ↑/↓
// move between rows, keeping the column, so the keyboard reaches every row, not only those
// rendered.

type Props = {
  buckets: BucketPosture[];
  /** All rows matching the query, loaded or not (for screen readers' "row n of N"). */
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  sort: Sort;
  onSort: (key: SortKey) => void;
  isSelected: (b: BucketPosture) => boolean;
  onSelect: (buckets: BucketPosture[], selected: boolean) => void;
  /** The all-accounts view: each row says whose bucket it is. */
  showAccount: boolean;
  /** Accounts known only from AWS Config: their rows offer no change. */
  configOnly: ReadonlySet<string>;
  /** The query the rows answer: a new one starts again at the top. */
  query: string;
};

type Column = { key: SortKey | null; label: string; width: string };
const columns: Column[] = [
  { key: "name", label: "Bucket", width: "w-[30%]" },
  { key: "region", label: "Region", width: "w-32" },
  { key: "type", label: "Encryption", width: "w-32" },
  { key: null, label: "KMS key", width: "w-[20%]" },
  { key: "bucketKey", label: "Bucket Key", width: "w-36" },
  { key: "versioning", label: "Versioning", width: "w-28" },
  { key: null, label: "Replication", width: "w-36" },
];
const accountColumn: Column = { key: null, label: "Account", width: "w-32" };
const loadAheadRows = 30;

function SortHeader({ column, sort, onSort }: { column: Column; sort: Sort; onSort: (key: SortKey) => void }) {
  const { key } = column;
  const active = key !== null && sort.key === key;
  return (
    <th
      scope="col"
      className={`${column.width} px-3 py-2 font-semibold`}
      aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      {key ? (
        <button
          type="button"
          onClick={() => onSort(key)}
          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
        >
          {column.label}
          <span aria-hidden="true">{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
        </button>
      ) : (
        column.label
      )}
    </th>
  );
}

export function BucketTable(props: Props) {
  const {
    buckets,
    total,
    hasMore,
    loadingMore,
    onLoadMore,
    sort,
    onSort,
    isSelected,
    onSelect,
    showAccount,
    configOnly,
    query,
  } = props;
  const shown = showAccount ? [columns[0]!, accountColumn, ...columns.slice(1)] : columns;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<{ index: number; col: string } | null>(null);
  // The app has no React Compiler, so nothing memoizes the virtualizer's functions stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: buckets.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [query]);

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= buckets.length - loadAheadRows) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, buckets.length, onLoadMore]);

  const focusTarget = (index: number, col: string) =>
    scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"] [data-col="${col}"]`) ?? null;
  // Focus moved by ↑/↓ to a row not rendered yet lands once it is.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    const el = target && focusTarget(target.index, target.col);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    const from = (e.target as HTMLElement).closest<HTMLElement>("[data-col]");
    const row = from?.closest<HTMLElement>("tr[data-index]");
    if (!step || !from || !row) return;
    const index = Math.min(Math.max(Number(row.dataset.index) + step, 0), buckets.length - 1);
    e.preventDefault();
    const col = from.dataset.col!;
    virtualizer.scrollToIndex(index, { align: "auto" });
    // A row already rendered takes the focus now; one that is not yet does once it renders.
    const target = focusTarget(index, col);
    if (target) target.focus();
    else pendingFocus.current = { index, col };
  };

  const allShownSelected = buckets.length > 0 && buckets.every(isSelected);
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div
      ref={scrollRef}
      className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white"
      data-testid="bucket-table-scroll"
    >
      <table
        className="w-full min-w-[1100px] table-fixed text-left text-sm"
        aria-label="Buckets"
        aria-rowcount={total + 1}
      >
        <thead className="sticky top-0 z-10 bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
          <tr aria-rowindex={1}>
            <th scope="col" className="w-10 px-3 py-2">
              <input
                type="checkbox"
                aria-label="Select all loaded buckets"
                checked={allShownSelected}
                onChange={(e) => onSelect(buckets, e.target.checked)}
                className="size-4"
              />
            </th>
            {shown.map((c) => (
              <SortHeader key={c.label} column={c} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100" onKeyDown={onKeyDown}>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {items.map((item) => {
            const b = buckets[item.index];
            if (!b)
              return (
                <tr key="more" data-index={item.index} ref={virtualizer.measureElement}>
                  <td colSpan={shown.length + 1} className="px-3 py-3 text-center text-slate-500" role="status">
                    {loadingMore ? "Loading more buckets…" : "More buckets below"}
                  </td>
                </tr>
              );
            return (
              <BucketRow
                key={`${b.account}/${b.name}`}
                bucket={b}
                index={item.index}
                measure={virtualizer.measureElement}
                selected={isSelected(b)}
                onSelect={(on) => onSelect([b], on)}
                showAccount={showAccount}
                roleNeeded={configOnly.has(b.account)}
              />
            );
          })}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
