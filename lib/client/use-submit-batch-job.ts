"use client";
import { useMutation } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { submitBatchJob } from "./api/objects";

/** Submits a prepared S3 Batch Operations job exactly as reviewed (S3 Control CreateJob). */
export function useSubmitBatchJob() {
  const account = useAccountScope();
  return useMutation({ mutationFn: (id: number) => submitBatchJob(id, account) });
}
