"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "@/lib/client/account-scope";
import { withAccount } from "@/lib/contracts/account-url";
import { sendJson } from "@/lib/client/fetch-json";
import { preparedBatchJobSchema } from "@/lib/contracts/batch-jobs";
import { batchJobKey } from "@/lib/client/use-batch-job";

/** Submits the reviewed job (CreateJob); S3 then waits for its confirmation in the S3 console. */
export function useBatchJobSubmit() {
  const account = useAccountScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      sendJson("POST", withAccount(`/api/batch-jobs/${id}/submit`, account), preparedBatchJobSchema),
    onSuccess: (job) => qc.setQueryData(batchJobKey(job.id), job),
  });
}
