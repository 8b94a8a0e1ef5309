"use client";
import { useQuery } from "@tanstack/react-query";
import { getAccounts } from "./api/session";
import { queryKeys } from "./query-keys";

export function useAccounts() {
  return useQuery({ queryKey: queryKeys.accounts, queryFn: getAccounts, staleTime: 5 * 60_000 });
}
