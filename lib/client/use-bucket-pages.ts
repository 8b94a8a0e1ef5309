"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getBucketPage } from "./api/inventory";
import { queryKeys } from "./query-keys";

const pageSize = 100;
/** While a scan runs, the first pages are read again so new rows show; a deep scroll is not re-read. */
const refreshWhileScanning = { maxPages: 3, everyMs: 3_000 };

/**
 * The bucket table's rows, page after page (nextCursor), for one query: the server filters,
 * sorts and searches. The previous query's rows stay shown while the next one loads, and a
 * query left behind (a keystroke later) is aborted.
 */
export function useBucketPages(query: URLSearchParams, { scanning = false } = {}) {
  const account = useAccountScope();
  const key = query.toString();
  return useInfiniteQuery({
    queryKey: queryKeys.bucketPages(key, account),
    queryFn: ({ pageParam, signal }) => getBucketPage(query, { limit: pageSize, cursor: pageParam }, account, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      scanning && (q.state.data?.pages.length ?? 0) <= refreshWhileScanning.maxPages
        ? refreshWhileScanning.everyMs
        : false,
  });
}
