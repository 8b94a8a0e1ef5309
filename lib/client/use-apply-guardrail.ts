"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { applyGuardrail } from "./api/inventory-source";
import { queryKeyPrefixes, queryKeys } from "./query-keys";

/** Puts the guardrail in one account and region; the compliance view and History then show it. */
export function useApplyGuardrail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ region, account }: { region: string; account: string | null }) => applyGuardrail(region, account),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.guardrail }),
        queryClient.invalidateQueries({ queryKey: queryKeyPrefixes.changes }),
      ]),
  });
}
