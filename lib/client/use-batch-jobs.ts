"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getBatchJobs } from "./api/objects";
import { queryKeys } from "./query-keys";

/** The console's Batch Operations jobs (one bucket's, or all for History), refreshed with ListJobs every 30 s. */
export function useBatchJobs(bucket: string | null) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.batchJobs(bucket, account),
    queryFn: () => getBatchJobs(bucket, account),
    refetchInterval: 30_000,
  });
}
