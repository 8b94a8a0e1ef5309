"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { submitBatchJob } from "./api/objects";
import { queryKeyPrefixes, queryKeys } from "./query-keys";

/** Submits a prepared S3 Batch Operations job exactly as reviewed (S3 Control CreateJob). */
export function useSubmitBatchJob() {
  const account = useAccountScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => submitBatchJob(id, account),
    onSuccess: (job) => {
      queryClient.setQueryData(queryKeys.batchJob(job.id, account), job);
      void queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.batchJobs });
    },
  });
}
