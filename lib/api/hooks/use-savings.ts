"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { savingsSchema } from "@/lib/api/schemas/usage";

export function useSavings(range: { from: string; to: string }) {
  return useQuery({
    queryKey: queryKeys.savings(range.from, range.to),
    queryFn: () => fetchJson(`/api/savings?${new URLSearchParams(range)}`, savingsSchema),
    placeholderData: keepPreviousData,
  });
}
