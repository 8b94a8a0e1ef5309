"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { inventorySchema } from "@/lib/contracts/inventory";

export function useInventory() {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.inventory, account],
    queryFn: () => fetchJson(withAccount("/api/buckets", account, { acrossAccounts: true }), inventorySchema),
  });
}

/** Rescans every bucket, bypassing the server's cache, and stores the result. */
export function useRescanInventory() {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: () =>
      fetchJson(withAccount("/api/buckets?refresh=1", account, { acrossAccounts: true }), inventorySchema),
    onSuccess: (fresh) => queryClient.setQueryData([...queryKeys.inventory, account], fresh),
  });
}
