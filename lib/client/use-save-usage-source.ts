"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UsageSourceSettings } from "@/lib/contracts/usage-source";
import { saveUsageSource } from "./api/usage-source";
import { queryKeys } from "./query-keys";

export function useSaveUsageSource(account: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UsageSourceSettings) => saveUsageSource(account, body),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.usageSource(account), status),
  });
}
