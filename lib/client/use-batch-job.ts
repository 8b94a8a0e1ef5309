"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "@/lib/client/account-scope";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { preparedBatchJobSchema } from "@/lib/contracts/batch-jobs";

export const batchJobKey = (id: number) => ["batch-job", id] as const;
const finished = ["Complete", "Failed", "Cancelled"];

/** One job; polled (DescribeJob) every 10 s while S3 runs it. */
export function useBatchJob(id: number | null) {
  const account = useAccountScope();
  return useQuery({
    queryKey: batchJobKey(id ?? 0),
    enabled: id !== null,
    queryFn: () => fetchJson(withAccount(`/api/batch-jobs/${id}`, account), preparedBatchJobSchema),
    refetchInterval: (q) =>
      q.state.data?.submittedJobId && !finished.includes(q.state.data.status?.status ?? "") ? 10_000 : false,
  });
}
