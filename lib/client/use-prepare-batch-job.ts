"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BatchJobRequest } from "@/lib/contracts/batch-jobs";
import { useAccountScope } from "./account-scope";
import { prepareBatchJob } from "./api/objects";
import { queryKeyPrefixes } from "./query-keys";

/** Prepares an S3 Batch Operations job: the CreateJob request, role policies and checks to review; submits nothing. */
export function usePrepareBatchJob(bucket: string) {
  const account = useAccountScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BatchJobRequest) => prepareBatchJob(bucket, body, account),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.batchJobs }),
  });
}
