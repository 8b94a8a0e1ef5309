"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getBucketPage } from "./api/inventory";
import { queryKeys } from "./query-keys";

/**
 * The scope's summary (counts over every bucket), scan and accounts: a one-row page of
 * /api/buckets. Read again every few seconds while a scan fills the store.
 */
export function useInventorySummary({ scanning = false } = {}) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.inventory(account),
    queryFn: ({ signal }) => getBucketPage(new URLSearchParams(), { limit: 1 }, account, signal),
    placeholderData: keepPreviousData,
    refetchInterval: scanning ? 3_000 : false,
  });
}
