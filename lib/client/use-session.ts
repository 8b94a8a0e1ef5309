"use client";
import { useQuery } from "@tanstack/react-query";
import { getSession } from "./api/session";
import { queryKeys } from "./query-keys";

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: getSession, staleTime: 60_000 });
}
