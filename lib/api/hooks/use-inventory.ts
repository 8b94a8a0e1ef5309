"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { inventorySchema } from "@/lib/api/schemas/inventory";

export function useInventory() {
  return useQuery({ queryKey: queryKeys.inventory, queryFn: () => fetchJson("/api/buckets", inventorySchema) });
}

/** Rescans every bucket, bypassing the server's cache, and stores the result. */
export function useRescanInventory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson("/api/buckets?refresh=1", inventorySchema),
    onSuccess: (fresh) => queryClient.setQueryData(queryKeys.inventory, fresh),
  });
}
