"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getInventory } from "./api/buckets";
import { queryKeys } from "./query-keys";

/** Rescans every bucket, bypassing the server's cache, and stores the result. */
export function useRescanInventory() {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: () => getInventory(account, { refresh: true }),
    onSuccess: (fresh) => queryClient.setQueryData(queryKeys.inventory(account), fresh),
  });
}
