"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getInventory } from "./api/buckets";
import { queryKeys } from "./query-keys";

export function useInventory() {
  const account = useAccountScope();
  return useQuery({ queryKey: queryKeys.inventory(account), queryFn: () => getInventory(account) });
}
