"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { checkChange } from "./api/changes";
import { queryKeyPrefixes } from "./query-keys";

/** "Check now" on an unknown change: the history and the bucket's row show what S3 said. */
export function useCheckChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkChange,
    onSettled: (result) => {
      const bucket = result?.change.bucket;
      return Promise.all(
        [
          queryKeyPrefixes.changes,
          queryKeyPrefixes.inventory,
          ...(bucket ? [queryKeyPrefixes.bucket(bucket)] : []),
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}
