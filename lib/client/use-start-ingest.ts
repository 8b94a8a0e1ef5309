"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { startIngest } from "./api/usage";
import { queryKeys } from "./query-keys";

/** Reads new CloudTrail files; the status it answers starts useIngestStatus's polling. */
export function useStartIngest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startIngest,
    onSuccess: (data) => queryClient.setQueryData(queryKeys.ingest, data),
  });
}
