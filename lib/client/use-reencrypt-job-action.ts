"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { runReencryptJobAction, type ReencryptJobAction } from "./api/objects";
import { queryKeyPrefixes } from "./query-keys";

/** Pause, resume, cancel or retry the failed objects of one of the bucket's jobs. */
export function useReencryptJobAction(bucket: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: ReencryptJobAction }) => runReencryptJobAction(id, action),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.reencryptJobs(bucket) }),
  });
}
