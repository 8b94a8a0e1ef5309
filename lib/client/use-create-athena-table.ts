"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createAthenaTable } from "./api/usage-source";
import { queryKeys } from "./query-keys";

/** Creates the Athena table with exactly the statements the user reviewed. */
export function useCreateAthenaTable(account: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sql: string[]) => createAthenaTable(account, sql),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.usageSource(account), status),
  });
}
