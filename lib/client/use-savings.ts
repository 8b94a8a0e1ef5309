"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { savingsSchema } from "@/lib/contracts/usage";

export function useSavings(range: { from: string; to: string }) {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.savings(range.from, range.to), account],
    queryFn: () =>
      fetchJson(
        withAccount(`/api/savings?${new URLSearchParams(range)}`, account, { acrossAccounts: true }),
        savingsSchema,
      ),
    placeholderData: keepPreviousData,
  });
}
