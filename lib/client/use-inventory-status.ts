"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getInventoryStatus } from "./api/object-inventory";
import { queryKeys } from "./query-keys";

/** The bucket's S3 Inventory configurations and its latest usable report (or why there is none). */
export function useInventoryStatus(bucket: string) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.objectInventory(bucket, account),
    queryFn: () => getInventoryStatus(bucket, account),
  });
}
