"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getInventory } from "./api/buckets";
import { queryKeys } from "./query-keys";

/** Every bucket of the scope, from the inventory store; polls while a background scan runs. */
export function useInventory() {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.inventory(account),
    queryFn: () => getInventory(account),
    refetchInterval: (query) => (query.state.data?.scan.state === "running" ? 2_000 : false),
  });
}
