"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { cancelScan } from "./api/inventory";
import { queryKeys } from "./query-keys";

/** Cancels the running scan; the buckets it read stay in the store. */
export function useCancelScan() {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: () => cancelScan(account),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.inventoryScan(account), status),
  });
}
