"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/client";
import { accountsSchema } from "@/lib/api/schemas/accounts";

export function useAccounts() {
  return useQuery({ queryKey: ["accounts"], queryFn: () => fetchJson("/api/accounts", accountsSchema), staleTime: 5 * 60_000 });
}
