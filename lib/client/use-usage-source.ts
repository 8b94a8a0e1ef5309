"use client";
import { useQuery } from "@tanstack/react-query";
import { getUsageSource } from "./api/usage-source";
import { queryKeys } from "./query-keys";

/** One account's usage source, the recommendation, the Athena table's SQL and recent Athena queries. */
export function useUsageSource(account: string) {
  return useQuery({ queryKey: queryKeys.usageSource(account), queryFn: () => getUsageSource(account) });
}
