"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { usageSeriesSchema } from "@/lib/contracts/usage";

/** KMS requests over time for one bucket, or the account when bucket is null. */
export function useUsage(bucket: string | null, range: { from: string; to: string }, granularity: "hour" | "day") {
  const params = new URLSearchParams({ from: range.from, to: range.to, granularity });
  if (bucket) params.set("bucket", bucket);
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.usage(bucket, range.from, range.to, granularity), account],
    queryFn: () => fetchJson(withAccount(`/api/usage?${params}`, account, { acrossAccounts: true }), usageSeriesSchema),
    placeholderData: keepPreviousData,
  });
}
