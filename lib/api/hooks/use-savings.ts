"use client";
import { useAccountScope } from "@/components/shell/account-scope";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { withAccount } from "@/lib/api/account-url";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { savingsSchema } from "@/lib/api/schemas/usage";

export function useSavings(range: { from: string; to: string }) {
  const account = useAccountScope();
  return useQuery({
    queryKey: [...queryKeys.savings(range.from, range.to), account],
    queryFn: () => fetchJson(withAccount(`/api/savings?${new URLSearchParams(range)}`, account, { acrossAccounts: true }), savingsSchema),
    placeholderData: keepPreviousData,
  });
}
