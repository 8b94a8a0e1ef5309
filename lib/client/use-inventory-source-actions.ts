"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ConfigLoad, InventorySourceSettings } from "@/lib/contracts/config-source";
import { cancelConfigPass, saveInventorySource, startConfigPass } from "./api/inventory-source";
import { queryKeys } from "./query-keys";

export function useSaveInventorySource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InventorySourceSettings) => saveInventorySource(body),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.inventorySource, status),
  });
}

/** Run a pass now, or cancel the running one (kind null); the status is fetched again either way. */
export function useConfigPass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: ConfigLoad["kind"] | null) => (kind ? startConfigPass(kind) : cancelConfigPass()),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.inventorySource }),
  });
}
