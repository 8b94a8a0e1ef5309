"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "@/lib/client/account-scope";
import { withAccount } from "@/lib/contracts/account-url";
import { sendJson } from "@/lib/client/fetch-json";
import { preparedBatchJobSchema, type BatchJobRequest } from "@/lib/contracts/batch-jobs";
import { batchJobsKey } from "@/lib/client/use-batch-jobs";

/** Prepares an S3 Batch Operations job for review (nothing is submitted). */
export function useBatchJobPrepare(bucket: string) {
  const account = useAccountScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BatchJobRequest) =>
      sendJson(
        "POST",
        withAccount(`/api/buckets/${encodeURIComponent(bucket)}/batch-job`, account),
        preparedBatchJobSchema,
        body,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: batchJobsKey(bucket) }),
  });
}
