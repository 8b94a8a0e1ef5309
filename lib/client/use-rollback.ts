"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { rollbackChange } from "./api/changes";
import { queryKeyPrefixes } from "./query-keys";

/** Rolls a change back; the history, the inventory and the bucket's own pages show the result. */
export function useRollback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rollbackChange,
    onSettled: (result) => {
      const bucket = result?.current.bucket;
      return Promise.all(
        [
          queryKeyPrefixes.changes,
          queryKeyPrefixes.inventory,
          ...(bucket ? [queryKeyPrefixes.bucket(bucket), queryKeyPrefixes.encryption(bucket)] : []),
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}
