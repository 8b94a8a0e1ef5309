"use client";
import { useQueries } from "@tanstack/react-query";
import { useAccountScope } from "./account-scope";
import { getCurrentEncryption } from "./api/buckets";
import { queryKeys } from "./query-keys";

/**
 * The current configuration and version of each bucket the wizard edits, as one result:
 * pending until every bucket is read, failed with the first error, retried where it failed.
 */
export function useCurrentEncryptions(buckets: string[]) {
  const account = useAccountScope();
  return useQueries({
    queries: buckets.map((name) => ({
      queryKey: queryKeys.encryption(name, account),
      queryFn: () => getCurrentEncryption(name, account),
      staleTime: 0,
    })),
    combine: (results) => {
      const failed = results.filter((r) => r.isError);
      return {
        isPending: results.some((r) => r.isPending),
        isError: failed.length > 0,
        error: failed[0]?.error ?? null,
        data: results.every((r) => r.data) ? results.map((r) => r.data!) : undefined,
        refetch: () => Promise.all(failed.map((r) => r.refetch())),
      };
    },
  });
}
