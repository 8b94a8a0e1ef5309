"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "@/lib/client/account-scope";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { batchJobsSchema } from "@/lib/contracts/batch-jobs";

export const batchJobsKey = (bucket: string | null) => ["batch-jobs", bucket] as const;

/** The console's Batch Operations jobs (one bucket's, or all for History), refreshed with ListJobs each 30 s. */
export function useBatchJobs(bucket: string | null) {
  const account = useAccountScope();
  const query = bucket ? `?bucket=${encodeURIComponent(bucket)}` : "";
  return useQuery({
    queryKey: batchJobsKey(bucket),
    queryFn: () => fetchJson(withAccount(`/api/batch-jobs${query}`, account), batchJobsSchema),
    refetchInterval: 30_000,
  });
}
