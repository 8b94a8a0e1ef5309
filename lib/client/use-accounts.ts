"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { accountsSchema } from "@/lib/contracts/accounts";

export function useAccounts() {
  return useQuery({
    queryKey: ["accounts"],
    queryFn: () => fetchJson("/api/accounts", accountsSchema),
    staleTime: 5 * 60_000,
  });
}
