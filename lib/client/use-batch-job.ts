"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getBatchJob } from "./api/objects";
import { queryKeys } from "./query-keys";

const finished = ["Complete", "Failed", "Cancelled"];

/** One Batch Operations job; polled (DescribeJob) every 10 s while S3 runs it. */
export function useBatchJob(id: number) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.batchJob(id, account),
    queryFn: () => getBatchJob(id, account),
    refetchInterval: (q) =>
      q.state.data?.submittedJobId && !finished.includes(q.state.data.status?.status ?? "") ? 10_000 : false,
  });
}
