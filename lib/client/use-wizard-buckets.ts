"use client";
import { useQuery } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getMatchingBuckets } from "./api/inventory";
import { queryKeys } from "./query-keys";

/**
 * The buckets a bulk wizard edits: every bucket matching its filters, resolved through the paged
 * API once when the wizard opens and then kept as they were, so the list the user reviews is
 * the list that is saved (each save still names the version it was reviewed at).
 */
export function useWizardBuckets(filterQuery: URLSearchParams, max: number) {
  const account = useAccountScope();
  return useQuery({
    queryKey: queryKeys.wizardBuckets(filterQuery.toString(), account),
    queryFn: () => getMatchingBuckets(filterQuery, max, account),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
