"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { createKmsKey } from "./api/kms";
import { queryKeys } from "./query-keys";

export function useCreateKmsKey(region: string) {
  const queryClient = useQueryClient();
  const account = useAccountScope();
  return useMutation({
    mutationFn: (alias: string) => createKmsKey(region, alias, account),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.kmsKeys(region, account) }),
  });
}
