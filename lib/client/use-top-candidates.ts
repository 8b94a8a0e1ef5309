"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getTopCandidates } from "./api/inventory";
import { queryKeys } from "./query-keys";

/** The Overview's candidates for a Bucket Key, largest projected monthly saving first. */
export function useTopCandidates(limit = 5) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.topCandidates(limit, account),
    queryFn: () => getTopCandidates(limit, account),
  });
}
