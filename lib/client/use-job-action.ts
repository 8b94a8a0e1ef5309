"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { runJobAction, type JobAction } from "./api/objects";
import { queryKeyPrefixes } from "./query-keys";

/** Pause, resume, cancel or retry the failed objects of one of the bucket's jobs. */
export function useJobAction(bucket: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: JobAction }) => runJobAction(id, action),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.jobs(bucket) }),
  });
}
