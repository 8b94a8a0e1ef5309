"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getUsage } from "./api/usage";
import { queryKeys } from "./query-keys";

/** KMS requests over time for one bucket, or the account when bucket is null. */
export function useUsage(bucket: string | null, range: { from: string; to: string }, granularity: "hour" | "day") {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.usage(bucket, range, granularity, account),
    queryFn: () => getUsage(bucket, range, granularity, account),
    placeholderData: keepPreviousData,
  });
}
