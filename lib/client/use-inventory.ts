"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson, sendJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { bucketListLimit, bucketPageSchema, scanStatusSchema, type BucketPage } from "@/lib/contracts/bucket-list";

// Every bucket of the scope, read page by page from the inventory store (GET /api/buckets), for
// the pages that still filter in the browser. Polls while a background scan runs.

async function fetchAllPages(account: string | null): Promise<BucketPage> {
  const url = (cursor: string | null) =>
    withAccount(
      `/api/buckets?limit=${bucketListLimit.max}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      account,
      { acrossAccounts: true },
    );
  const first = await fetchJson(url(null), bucketPageSchema);
  const buckets = [...first.buckets];
  for (let cursor = first.nextCursor; cursor;) {
    const page = await fetchJson(url(cursor), bucketPageSchema);
    buckets.push(...page.buckets);
    cursor = page.nextCursor;
  }
  return { ...first, buckets, nextCursor: null };
}

export function useInventory() {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.inventory, account],
    queryFn: () => fetchAllPages(account),
    refetchInterval: (query) => (query.state.data?.scan.state === "running" ? 2_000 : false),
  });
}

/** Starts a background rescan (or joins the running one); the inventory then polls until it ends. */
export function useRescanInventory() {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: () =>
      sendJson("POST", withAccount("/api/inventory/scan", account, { acrossAccounts: true }), scanStatusSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...queryKeys.inventory, account] }),
  });
}
