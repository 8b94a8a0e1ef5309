"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getSavings } from "./api/usage";
import { queryKeys } from "./query-keys";

export function useSavings(range: { from: string; to: string }) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.savings(range, account),
    queryFn: () => getSavings(range, account),
    placeholderData: keepPreviousData,
  });
}
