"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "@/lib/client/account-scope";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { inventoryStatusSchema } from "@/lib/contracts/object-inventory";

export const inventoryStatusKey = (bucket: string, account: string | null) =>
  ["object-inventory", bucket, account] as const;

/** The bucket's S3 Inventory configurations and its latest usable report. */
export function useInventoryStatus(bucket: string) {
  const account = useAccountScope();
  return useQuery({
    queryKey: inventoryStatusKey(bucket, account),
    queryFn: () =>
      fetchJson(
        withAccount(`/api/buckets/${encodeURIComponent(bucket)}/objects/inventory`, account),
        inventoryStatusSchema,
      ),
  });
}
