"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { sessionSchema } from "@/lib/contracts/session";

export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: () => fetchJson("/api/session", sessionSchema),
    staleTime: 60_000,
  });
}
