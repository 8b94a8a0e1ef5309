"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { controlObjectScan } from "./api/objects";
import { queryKeys } from "./query-keys";

/** Starts or cancels the audit; the scan it answers restarts useObjectScan's polling. */
export function useScanControl(bucket: string) {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: (body: { action: "start" | "cancel"; source?: "inventory" | "objects"; sampleSize?: number | null }) =>
      controlObjectScan(bucket, body, account),
    onSuccess: (scan) => queryClient.setQueryData(queryKeys.objectScan(bucket, account), scan),
  });
}
