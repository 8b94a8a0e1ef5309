"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson, sendJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { applyResultSchema, changesSchema } from "@/lib/contracts/encryption";

export function useChanges() {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.changes, account],
    queryFn: () => fetchJson(withAccount("/api/changes", account, { acrossAccounts: true }), changesSchema),
  });
}

export function useRollback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => sendJson("POST", `/api/changes/${id}/rollback`, applyResultSchema),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.changes }),
        queryClient.invalidateQueries({ queryKey: queryKeys.inventory }),
      ]),
  });
}
