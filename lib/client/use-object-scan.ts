"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getObjectScan } from "./api/objects";
import { queryKeys } from "./query-keys";

/** The audit of one bucket's objects; polled while it runs so the progress bar moves. */
export function useObjectScan(bucket: string) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.objectScan(bucket, account),
    queryFn: () => getObjectScan(bucket, account),
    refetchInterval: (q) => (q.state.data?.state === "running" ? 500 : false),
  });
}
