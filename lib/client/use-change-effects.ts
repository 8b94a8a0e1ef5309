"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getChangeEffects } from "./api/cost-evidence";
import { queryKeys } from "./query-keys";

export function useChangeEffects() {
  const account = useAccountScope();
  return useQuery({ queryKey: queryKeys.changeEffects(account), queryFn: () => getChangeEffects(account) });
}
