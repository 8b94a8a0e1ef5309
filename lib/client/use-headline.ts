"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getHeadline } from "./api/cost-evidence";
import { queryKeys } from "./query-keys";

export function useHeadline() {
  const account = useAccountScope();
  return useQuery({ queryKey: queryKeys.headline(account), queryFn: () => getHeadline(account) });
}
