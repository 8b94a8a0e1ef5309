"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InventorySetupRequest } from "@/lib/contracts/object-inventory";
import { useAccountScope } from "./account-scope";
import { applyInventorySetup } from "./api/object-inventory";
import { queryKeys } from "./query-keys";

/** Applies the reviewed inventory configuration; the bucket's inventory status is read again. */
export function useApplyInventorySetup(bucket: string) {
  const account = useAccountScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (setup: InventorySetupRequest) => applyInventorySetup(bucket, setup, account),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.objectInventory(bucket, account) }),
  });
}
