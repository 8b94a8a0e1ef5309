"use client";
import { useQueries } from "@tanstack/react-query";
import type { ProposedEncryption } from "@/lib/contracts/encryption";
import { useAccountScope } from "./account-scope";
import { postPreflight } from "./api/buckets";
import { createLimiter } from "./limiter";
import { queryKeys } from "./query-keys";

// Each review reads the bucket and its key (S3 and KMS calls on the server): a wizard over hundreds
// of buckets reviews six at a time.
const reviewLimit = createLimiter(6);

/** The review of a proposal, one per bucket: the diff, the checks and the code. */
export function usePreflights(buckets: string[], proposal: ProposedEncryption) {
  const account = useAccountScope();
  return useQueries({
    queries: buckets.map((bucket) => ({
      queryKey: queryKeys.preflight(bucket, proposal, account),
      queryFn: () => reviewLimit(() => postPreflight(bucket, proposal, account)),
      staleTime: 0,
      retry: false,
    })),
  });
}
