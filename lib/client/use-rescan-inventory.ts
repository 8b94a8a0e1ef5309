"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { postRescan } from "./api/inventory";
import { queryKeys } from "./query-keys";

/** Starts a background rescan (or joins the running one); useInventoryScan then polls until it ends. */
export function useRescanInventory() {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: () => postRescan(account),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.inventoryScan(account), status),
  });
}
