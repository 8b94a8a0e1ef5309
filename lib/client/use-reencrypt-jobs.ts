"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getReencryptJobs } from "./api/objects";
import { queryKeys } from "./query-keys";

/** A bucket's re-encryption jobs, newest first; polled while one runs. */
export function useReencryptJobs(bucket: string) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.reencryptJobs(bucket, account),
    queryFn: () => getReencryptJobs(bucket),
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => j.state === "running") ? 700 : false),
  });
}
