"use client";
import { useQueries } from "@tanstack/react-query";
import type { ProposedEncryption } from "@/lib/contracts/encryption";
import { useAccountScope } from "./account-scope";
import { postPreflight } from "./api/buckets";
import { queryKeys } from "./query-keys";

/** The review of a proposal, one per bucket: the diff, the checks and the code. */
export function usePreflights(buckets: string[], proposal: ProposedEncryption) {
  const account = useAccountScope();
  return useQueries({
    queries: buckets.map((bucket) => ({
      queryKey: queryKeys.preflight(bucket, proposal, account),
      queryFn: () => postPreflight(bucket, proposal, account),
      staleTime: 0,
      retry: false,
    })),
  });
}
