"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { postRescan } from "./api/buckets";
import { queryKeys } from "./query-keys";

/** Starts a background rescan (or joins the running one); the inventory then polls until it ends. */
export function useRescanInventory() {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: () => postRescan(account),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.inventory(account) }),
  });
}
