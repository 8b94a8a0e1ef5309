"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/query-keys";
import { sessionSchema } from "@/lib/api/schemas/session";

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => fetchJson("/api/session", sessionSchema), staleTime: 60_000 });
}
