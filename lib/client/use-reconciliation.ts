"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getReconciliation } from "./api/cost-evidence";
import { queryKeys } from "./query-keys";

/** The bill beside CloudTrail; `key`: one key's days (a bucket's page). */
export function useReconciliation(key?: string | null) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.reconciliation(key ?? null, account),
    queryFn: () => getReconciliation(account, key ?? undefined),
    enabled: key !== null,
  });
}
