"use client";
import { useAccountScope } from "@/lib/client/account-scope";
import { useQueries } from "@tanstack/react-query";
import { withAccount } from "@/lib/contracts/account-url";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import { currentEncryptionSchema } from "@/lib/contracts/encryption";

/** The current configuration and version of each bucket the wizard edits. */
export function useCurrentEncryptions(buckets: string[]) {
  const account = useAccountScope();
  return useQueries({
    queries: buckets.map((name) => ({
      queryKey: [...queryKeys.encryption(name), account],
      queryFn: () =>
        fetchJson(withAccount(`/api/buckets/${encodeURIComponent(name)}/encryption`, account), currentEncryptionSchema),
      staleTime: 0,
    })),
  });
}
