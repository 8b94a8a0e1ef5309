"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReencryptRequest } from "@/lib/contracts/objects";
import { useAccountScope } from "./account-scope";
import { startReencrypt } from "./api/objects";
import { queryKeyPrefixes } from "./query-keys";

export function useStartReencrypt(bucket: string) {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: (options: Partial<ReencryptRequest>) => startReencrypt(bucket, options, account),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.reencryptJobs(bucket) }),
  });
}
